package crosswatch.app;

import static crosswatch.app.PipelineHarness.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.StartBlock;
import crosswatch.chain.TestSettings;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.RunningNodes;
import crosswatch.cluster.TestNodes;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.RemovedBlock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * Two replicas in this JVM, members of one cluster over loopback with replicated stores, wired as a node wires
 * them: one owns the executing chain 902 (scans it, finds its messages), the other owns the initiating chain 901
 * (scans it, judges the messages initiated on it). Ownership is given, not hashed, so the two owners differ.
 */
@Tag("integration")
class ClusterReorgTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  // Later than any wait here: the owner of 901 can only learn of a message from the store's events.
  private static final Duration NO_SWEEP = Duration.ofMinutes(10);

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  private Devnet devnet;
  private DevnetChain initiating;
  private DevnetChain executing;
  private List<ClusterStores> replicas;
  private final List<Pipeline> pipelines = new ArrayList<>();

  @BeforeEach
  void start() {
    devnet = Devnet.start(901, 902);
    initiating = devnet.chain(901);
    executing = devnet.chain(902);
    replicas = nodes.startTogether(TestNodes.cluster(root, List.of("replica-a", "replica-b")));
    pipelines.add(owning(replicas.get(0), "replica-a", 902));
    pipelines.add(owning(replicas.get(1), "replica-b", 901));
  }

  /** Runs before {@link RunningNodes} closes the stores (extensions' callbacks come after), so pipelines stop first. */
  @AfterEach
  void stop() {
    pipelines.forEach(Pipeline::close);
    devnet.close();
  }

  private Pipeline owning(ClusterStores stores, String name, long chainId) {
    var pipeline = new Pipeline(List.of(PipelineHarness.http(initiating), PipelineHarness.http(executing)),
        Map.of(901L, new StartBlock.Number(0), 902L, new StartBlock.Number(0)),
        PipelineHarness.dependencies(List.of(901L, 902L), Map.of()), stores.messages(), stores.checkpoints(),
        new SimpleMeterRegistry(), name, TestSettings.FAST, stores.heads(), NO_SWEEP);
    ClusterWiring.forwardMessages(stores, pipeline);
    pipeline.start(List.of(chainId));
    return pipeline;
  }

  private void awaitOnEveryReplica(MessageKey key, Status status) {
    await().atMost(PATIENCE).until(() -> replicas.stream()
        .allMatch(r -> r.messages().find(key).map(MessageRecord::status).orElse(null) == status));
  }

  @Test
  void aMessageWhoseExecutingBlockIsReorgedOutAndBackIsJudgedAgainByTheOwnerOfItsInitiatingChain() {
    InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("reorged out and back")), "0x");
    MessageKey key = PipelineHarness.key(executing.emitExecuting(List.of(ExecSpec.of(log))));
    awaitOnEveryReplica(key, Status.VALID);

    RemovedBlock removed = executing.removeHead(2);
    awaitOnEveryReplica(key, Status.REORGED);
    executing.restore(removed);

    awaitOnEveryReplica(key, Status.VALID);
    List<Optional<MessageRecord>> records = replicas.stream().map(r -> r.messages().find(key)).toList();
    assertThat(records.getFirst()).hasValueSatisfying(r -> assertThat(history(r))
        .containsExactly(Status.PENDING, Status.VALID, Status.REORGED, Status.PENDING, Status.VALID));
    assertThat(records).containsOnly(records.getFirst());
  }
}
