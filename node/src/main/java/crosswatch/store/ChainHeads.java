package crosswatch.store;

import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * Every chain's heads by chain id, over any concurrent map: a replicated cache shares them between nodes, a plain
 * map serves tests. Only the node that follows a chain writes its heads, so a write simply replaces.
 */
public final class ChainHeads {
  private final ConcurrentMap<Long, ChainHead> heads;

  public ChainHeads(ConcurrentMap<Long, ChainHead> heads) {
    this.heads = heads;
  }

  public Optional<ChainHead> of(long chainId) {
    return Optional.ofNullable(heads.get(chainId));
  }

  public void put(ChainHead head) {
    heads.put(head.chainId(), head);
  }
}
