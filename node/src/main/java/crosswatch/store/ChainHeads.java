package crosswatch.store;

import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * Every chain's heads by chain id, over any concurrent map: a replicated cache shares them between nodes, a plain
 * map serves tests. Only the node that follows a chain writes its heads, so a write simply replaces.
 */
public final class ChainHeads {
  /**
   * Across sites: each site writes only its own heads cache, so two sites meet on one key only when a site that
   * restarted from nothing writes before the others gave it back what they held of it; the newer latest head wins.
   */
  public static final class AcrossSites extends SiteJoin<Long, ChainHead> {
    @Override
    protected ChainHead join(ChainHead a, ChainHead b) {
      return newer(a, b);
    }
  }

  private static final Comparator<ChainHead> NEWEST_LAST = Comparator
      .comparingLong((ChainHead h) -> h.latest().number()).thenComparing(h -> h.latest().hash());

  static ChainHead newer(ChainHead a, ChainHead b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return NEWEST_LAST.compare(a, b) >= 0 ? a : b;
  }
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
