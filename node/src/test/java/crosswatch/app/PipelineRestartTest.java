package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ChainState;
import crosswatch.chain.StartBlock;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.RawLog;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * A node stopped while messages keep coming, restarted on the same store and checkpoint file. Both runs start at
 * {@code latest}: only the checkpoint can bring the restarted node back to where the first one stopped.
 */
@Tag("integration")
class PipelineRestartTest {
  private static final int OUTAGE_BLOCKS = 300;

  @TempDir
  Path dataDir;
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private Devnet devnet;
  private DevnetChain c901;
  private DevnetChain c902;
  private List<InitiatingLog> logs;

  @BeforeEach
  void start() {
    devnet = Devnet.start(901, 902);
    c901 = devnet.chain(901);
    c902 = devnet.chain(902);
  }

  @AfterEach
  void stop() {
    devnet.close();
  }

  private PipelineHarness node() {
    var node = new PipelineHarness(List.of(PipelineHarness.http(c901), PipelineHarness.ws(c902)),
        PipelineHarness.dependencies(List.of(901L, 902L), Map.of()), StartBlock.LATEST, store, dataDir);
    await().until(() -> node.pipeline.chains().stream().allMatch(s -> s.scanned().isPresent()));
    return node;
  }

  /** Three messages on each chain pointing at the other, in two transactions. */
  private List<MessageKey> messages(int round) {
    var keys = new ArrayList<MessageKey>();
    keys.addAll(PipelineHarness.keys(c902.emitExecuting(
        List.of(ExecSpec.of(logs.get(3 * round)), ExecSpec.of(logs.get(3 * round + 1)),
            ExecSpec.of(logs.get(3 * round + 2))))));
    InitiatingLog back = c902.emitInitiating(List.of(Hash.sha3String("back-" + round)), "0x");
    keys.addAll(PipelineHarness.keys(c901.emitExecuting(List.of(ExecSpec.of(back), ExecSpec.of(back),
        ExecSpec.of(back)))));
    return keys;
  }

  @Test
  void everyMessageIsFoundOnceWhateverHappenedWhileTheNodeWasStopped() {
    PipelineHarness first = node();
    logs = c901.emitInitiatingBatch(IntStream.range(0, 30)
        .mapToObj(i -> new RawLog(List.of(Hash.sha3String("restart-" + i)), "0x")).toList());
    List<MessageKey> before = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      before.addAll(messages(round));
    }
    first.awaitAll(before, Status.VALID);
    first.close();

    List<MessageKey> during = new ArrayList<>();
    for (int round = 2; round < 5; round++) {
      c901.mine(OUTAGE_BLOCKS / 3);
      c902.mine(OUTAGE_BLOCKS / 3);
      during.addAll(messages(round));
    }

    PipelineHarness second = node();
    try {
      second.awaitAll(during, Status.VALID);
      assertThat(store.size()).isEqualTo(before.size() + during.size());
      assertThat(second.detected(901) + second.detected(902)).isEqualTo(during.size());
      assertThat(second.pipeline.chains()).extracting(ChainState::connected).containsOnly(true);
    } finally {
      second.close();
    }
  }
}
