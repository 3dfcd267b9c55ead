package crosswatch.app;

import crosswatch.api.NodeView;
import crosswatch.chain.ChainState;
import crosswatch.store.ChainStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/** The running node as the API and the gauges see it: the pipeline's chains and the cluster membership. */
final class NodeStatus implements NodeView {
  private final Pipeline pipeline;
  private final BooleanSupplier inCluster;
  private final String nodeName;
  private final long readyLagBlocks;

  NodeStatus(Pipeline pipeline, BooleanSupplier inCluster, String nodeName, long readyLagBlocks) {
    this.pipeline = pipeline;
    this.inCluster = inCluster;
    this.nodeName = nodeName;
    this.readyLagBlocks = readyLagBlocks;
  }

  @Override
  public List<ChainStatus> chains() {
    return pipeline.chains().stream().map(this::status).toList();
  }

  private ChainStatus status(ChainState s) {
    // A one-member cluster: this node scans every chain.
    return new ChainStatus(s.chainId(), s.rpc(), s.connected(), s.head(), OptionalLong.empty(), OptionalLong.empty(),
        OptionalLong.empty(), s.scanned(), List.of(nodeName), s.lastError());
  }

  @Override
  public boolean inCluster() {
    return inCluster.getAsBoolean();
  }

  @Override
  public long readyLagBlocks() {
    return readyLagBlocks;
  }
}
