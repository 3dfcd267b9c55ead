package crosswatch.api;

import crosswatch.store.ChainStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A node view whose chains and membership tests set. */
final class StubNode implements NodeView {
  volatile List<ChainStatus> chains = List.of();
  volatile boolean inCluster = true;
  final long readyLagBlocks;

  StubNode(long readyLagBlocks) {
    this.readyLagBlocks = readyLagBlocks;
  }

  /** A connected chain at head {@code latest} whose checkpoint is {@code checkpoint}. */
  static ChainStatus chain(long chainId, long latest, long checkpoint) {
    return new ChainStatus(chainId, "http://127.0.0.1:8545", true, OptionalLong.of(latest),
        OptionalLong.of(latest - 5), OptionalLong.of(latest - 10), OptionalLong.of(1_700_000_000),
        OptionalLong.of(checkpoint), List.of("node-a"), Optional.empty(), Optional.empty(), List.of());
  }

  @Override
  public List<ChainStatus> chains() {
    return chains;
  }

  @Override
  public boolean inCluster() {
    return inCluster;
  }

  @Override
  public long readyLagBlocks() {
    return readyLagBlocks;
  }
}
