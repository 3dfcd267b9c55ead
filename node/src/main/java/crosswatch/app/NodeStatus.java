package crosswatch.app;

import crosswatch.api.NodeView;
import crosswatch.chain.ChainState;
import crosswatch.chain.EndpointHealth;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.ChainStatus;
import crosswatch.store.EndpointStatus;
import crosswatch.store.CheckpointStore;
import crosswatch.store.HeadBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The running node as the API and the gauges see it: the pipeline's view of each chain, the heads shared through
 * the cluster (the same on every replica), and the cluster membership.
 */
final class NodeStatus implements NodeView {
  private final Pipeline pipeline;
  private final ChainHeads heads;
  private final CheckpointStore checkpoints;
  private final Supplier<Map<Long, List<String>>> owners;
  private final BooleanSupplier inCluster;
  private final long readyLagBlocks;

  /**
   * @param checkpoints the shared checkpoints: what a replica shows for a chain another replica scans
   * @param owners every chain's owners in the current view
   */
  NodeStatus(Pipeline pipeline, ChainHeads heads, CheckpointStore checkpoints,
             Supplier<Map<Long, List<String>>> owners, BooleanSupplier inCluster, long readyLagBlocks) {
    this.pipeline = pipeline;
    this.heads = heads;
    this.checkpoints = checkpoints;
    this.owners = owners;
    this.inCluster = inCluster;
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
    boolean scannedHere = pipeline.owned().contains(s.chainId());
    // A chain another replica scans is shown from the shared state, so every replica answers alike (and is
    // ready alike): connected once its heads are shared, its checkpoint the shared one.
    boolean connected = scannedHere ? s.connected() : head.isPresent();
    OptionalLong checkpoint = scannedHere ? s.scanned() : checkpoints.get(s.chainId())
        .map(c -> OptionalLong.of(c.blockNumber())).orElse(OptionalLong.empty());
    return new ChainStatus(s.chainId(), s.rpc(), connected, latest, number(head.map(ChainHead::safe)),
        number(head.map(ChainHead::finalized)), head.map(h -> OptionalLong.of(h.latest().timestamp()))
            .orElse(OptionalLong.empty()), checkpoint, owners.get().getOrDefault(s.chainId(), List.of()),
        scannedHere ? s.lastError() : Optional.empty(), scannedHere ? s.lastErrorAt() : Optional.empty(),
        scannedHere ? endpoints(s) : List.of());
  }

  private static List<EndpointStatus> endpoints(ChainState s) {
    var shown = new ArrayList<EndpointStatus>();
    for (int i = 0; i < s.endpoints().size(); i++) {
      EndpointHealth h = s.endpoints().get(i);
      shown.add(new EndpointStatus(h.rpc(), i == s.activeEndpoint(), h.connected(), h.lastError(), h.lastErrorAt()));
    }
    return shown;
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
