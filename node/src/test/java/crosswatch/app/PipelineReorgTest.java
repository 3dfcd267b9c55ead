package crosswatch.app;

import static crosswatch.app.PipelineHarness.history;
import static crosswatch.app.PipelineHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.StartBlock;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.metrics.Meters;
import crosswatch.protocol.Reason;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/** Reorgs of the executing and of the initiating chain, made by anvil, seen through polling. */
@Tag("integration")
class PipelineReorgTest {
  private Devnet devnet;
  private PipelineHarness node;
  private DevnetChain initiating;
  private DevnetChain executing;

  @BeforeEach
  void start(@TempDir Path dataDir) {
    devnet = Devnet.start(901, 902);
    initiating = devnet.chain(901);
    executing = devnet.chain(902);
    node = new PipelineHarness(List.of(PipelineHarness.http(initiating), PipelineHarness.http(executing)),
        PipelineHarness.dependencies(List.of(901L, 902L), Map.of()), new StartBlock.Number(0),
        new InMemoryMessageStore(), dataDir);
  }

  @AfterEach
  void stop() {
    node.close();
    devnet.close();
  }

  private ExecutingReceipt validMessage(String seed) {
    InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String(seed)), "0x");
    ExecutingReceipt receipt = executing.emitExecuting(List.of(ExecSpec.of(log)));
    node.awaitStatus(key(receipt), Status.VALID);
    return receipt;
  }

  private double reorgs(long chainId) {
    return node.registry.get(Meters.REORGS).tag(Meters.CHAIN_ID, Long.toString(chainId)).counter().count();
  }

  @Test
  void aMessageWhoseExecutingBlockIsReplacedIsReorgedNeitherValidNorInvalid() {
    ExecutingReceipt receipt = validMessage("executing-reorg");

    executing.reorg(1);

    MessageRecord record = node.awaitStatus(key(receipt), Status.REORGED);
    assertThat(history(record)).containsExactly(Status.PENDING, Status.VALID, Status.REORGED);
    assertThat(record.reason()).isNull();
    assertThat(reorgs(902)).isEqualTo(1);
  }

  @Test
  void aMessageWhoseInitiatingBlockIsReplacedIsJudgedAgainAndKeepsBothVerdictsInItsHistory() {
    ExecutingReceipt receipt = validMessage("initiating-reorg");

    initiating.reorg(1);

    MessageRecord record = node.awaitStatus(key(receipt), Status.INVALID);
    assertThat(history(record)).containsExactly(Status.PENDING, Status.VALID, Status.INVALID);
    assertThat(reorgs(901)).isEqualTo(1);
  }

  @Test
  void anInitiatingBlockRolledBackAndRebuiltWithItsTimestampButWithoutTheLogMakesTheMessageMissItsLog() {
    ExecutingReceipt receipt = validMessage("rolled-back");

    initiating.reorgKeepingTimestamps(1);

    MessageRecord record = node.awaitStatus(key(receipt), Status.INVALID);
    assertThat(record.reason()).isEqualTo(Reason.LOG_MISSING);
    assertThat(history(record)).containsExactly(Status.PENDING, Status.VALID, Status.INVALID);
  }
}
