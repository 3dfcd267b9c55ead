package crosswatch.app;

import crosswatch.api.NodeView;
import crosswatch.chain.ChainState;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.ChainStatus;
import crosswatch.store.HeadBlock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * The running node as the API and the gauges see it: the pipeline's view of each chain, the heads shared through
 * the cluster (the same on every replica), and the cluster membership.
 */
final class NodeStatus implements NodeView {
  private final Pipeline pipeline;
  private final ChainHeads heads;
  private final BooleanSupplier inCluster;
  private final String nodeName;
  private final long readyLagBlocks;

  NodeStatus(Pipeline pipeline, ChainHeads heads, BooleanSupplier inCluster, String nodeName, long readyLagBlocks) {
    this.pipeline = pipeline;
    this.heads = heads;
    this.inCluster = inCluster;
    this.nodeName = nodeName;
    this.readyLagBlocks = readyLagBlocks;
  }

  @Override
  public List<ChainStatus> chains() {
    return pipeline.chains().stream().map(this::status).toList();
  }

  private ChainStatus status(ChainState s) {
    Optional<ChainHead> head = heads.of(s.chainId());
    // Until the shared heads name a chain, its latest head is what this node's scanner saw.
    OptionalLong latest = head.map(h -> OptionalLong.of(h.latest().number())).orElse(s.head());
    // A one-member cluster: this node scans every chain.
    return new ChainStatus(s.chainId(), s.rpc(), s.connected(), latest, number(head.map(ChainHead::safe)),
        number(head.map(ChainHead::finalized)), head.map(h -> OptionalLong.of(h.latest().timestamp()))
            .orElse(OptionalLong.empty()), s.scanned(), List.of(nodeName), s.lastError());
  }

  private static OptionalLong number(Optional<HeadBlock> block) {
    return block.map(b -> OptionalLong.of(b.number())).orElse(OptionalLong.empty());
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
