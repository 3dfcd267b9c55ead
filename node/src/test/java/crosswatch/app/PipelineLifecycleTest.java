package crosswatch.app;

import static crosswatch.app.PipelineHarness.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.metrics.Meters;
import crosswatch.protocol.AccessList;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.Identifier;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * A message's lifecycle on real anvil chains whose safe head trails latest by {@value #EPOCH} blocks and whose
 * finalized head trails by twice that.
 */
@Tag("integration")
class PipelineLifecycleTest {
  private static final int EPOCH = 2;

  @TempDir
  Path dataDir;
  private Devnet devnet;
  private LifecycleNode node;
  private DevnetChain initiating;
  private DevnetChain executing;

  private void start(Duration retention, long... chainIds) {
    devnet = Devnet.start(Arrays.stream(chainIds)
        .mapToObj(id -> ChainSpec.of(id).withSlotsInAnEpoch(EPOCH)).toList());
    initiating = devnet.chain(901);
    executing = devnet.chain(902);
    node = new LifecycleNode(Arrays.stream(chainIds).mapToObj(devnet::chain).toList(), dataDir, retention);
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  private InitiatingLog initiatingLog(String seed) {
    return initiating.emitInitiating(List.of(Hash.sha3String(seed)), "0x");
  }

  private static List<String> keysFor(ExecSpec spec) {
    return AccessList.storageKeys(message(spec));
  }

  private static ExecutingMessage message(ExecSpec spec) {
    return new ExecutingMessage(spec.msgHash(), new Identifier(spec.origin(), spec.blockNumber(), spec.logIndex(),
        spec.timestamp(), spec.chainId()));
  }

  private ExecutingReceipt declared(ExecSpec spec) {
    return executing.emitExecuting(List.of(spec), keysFor(spec));
  }

  /** Mines on both chains until both hold {@code blocks} more blocks. */
  private void mineBoth(int blocks) {
    initiating.mine(blocks);
    executing.mine(blocks);
  }

  @Nested
  class SafetyLevels {
    @Test
    void safetyMovesFromUnsafeToSafeToFinalizedAndThenTheVerdictIsFinal() {
      start(Duration.ofHours(1), 901, 902);
      ExecutingReceipt receipt = declared(ExecSpec.of(initiatingLog("safety")));
      MessageKey key = key(receipt);

      MessageRecord valid = node.await(key, r -> r.status() == Status.VALID);
      assertThat(valid.executingSafety()).isEqualTo(Safety.UNSAFE);
      assertThat(valid.isFinal()).isFalse();

      mineBoth(EPOCH);
      MessageRecord safe = node.await(key, r -> r.executingSafety() == Safety.SAFE
          && r.initiatingSafety() == Safety.SAFE);
      assertThat(safe.isFinal()).isFalse();

      mineBoth(EPOCH);
      MessageRecord settled = node.await(key, MessageRecord::isFinal);
      assertThat(settled.executingSafety()).isEqualTo(Safety.FINALIZED);
      assertThat(settled.initiatingSafety()).isEqualTo(Safety.FINALIZED);
      assertThat(settled.status()).isEqualTo(Status.VALID);
      assertThat(settled.accessList()).isEqualTo(AccessListCheck.OK);
      assertThat(node.stores.heads().of(902).orElseThrow().finalized().number())
          .isGreaterThanOrEqualTo(receipt.blockNumber());
    }
  }

  @Nested
  class Flips {
    @Test
    void anInitiatingReorgBeforeFinalityFlipsTheVerdictAndIsCounted() {
      start(Duration.ofHours(1), 901, 902);
      MessageKey key = key(declared(ExecSpec.of(initiatingLog("flip"))));
      node.await(key, r -> r.status() == Status.VALID);

      initiating.reorgKeepingTimestamps(1);

      MessageRecord flipped = node.await(key, r -> r.status() == Status.INVALID);
      assertThat(flipped.flips()).isEqualTo(1);
      assertThat(flipped.isFinal()).isFalse();
      await().atMost(LifecycleNode.PATIENCE).until(() -> node.flips(902, 901, "unsafe") == 1);
      assertThat(node.flips(902, 901, "safe") + node.flips(902, 901, "finalized")).isZero();
    }

    @Test
    void afterFinalityAReorgOfTheInitiatingBlockChangesNothing() {
      start(Duration.ofHours(1), 901, 902);
      InitiatingLog early = initiatingLog("final");
      MessageKey finalKey = key(declared(ExecSpec.of(early)));
      mineBoth(2 * EPOCH);
      MessageRecord settled = node.await(finalKey, MessageRecord::isFinal);
      // A later message into the same stretch of the chain shows the reorg was seen and judged.
      MessageKey control = key(declared(ExecSpec.of(initiatingLog("control"))));
      node.await(control, r -> r.status() == Status.VALID);

      initiating.reorgKeepingTimestamps((int) (initiating.head() - early.blockNumber() + 1));

      node.await(control, r -> r.status() == Status.INVALID);
      MessageRecord after = node.find(finalKey).orElseThrow();
      assertThat(after.status()).isEqualTo(Status.VALID);
      assertThat(after.isFinal()).isTrue();
      assertThat(after.flips()).isZero();
      assertThat(after.history()).isEqualTo(settled.history());
    }
  }

  @Nested
  class AccessLists {
    @Test
    void eachTransactionsAccessListIsConfirmedOkMissingOrMismatch() {
      start(Duration.ofHours(1), 901, 902);
      ExecSpec okSpec = ExecSpec.of(initiatingLog("ok"));
      ExecSpec missingSpec = ExecSpec.of(initiatingLog("missing"));
      ExecSpec mismatchSpec = ExecSpec.of(initiatingLog("mismatch"));
      // The right lookup entry with the checksum of another payload: the lookup is there, the checksum is wrong.
      List<String> wrongChecksum = List.of(keysFor(mismatchSpec).getFirst(),
          keysFor(mismatchSpec.withMsgHash(Hash.sha3String("other"))).getLast());

      MessageKey ok = key(declared(okSpec));
      MessageKey missing = key(executing.emitExecuting(List.of(missingSpec), List.of()));
      MessageKey mismatch = key(executing.emitExecuting(List.of(mismatchSpec), wrongChecksum));

      assertThat(node.await(ok, r -> r.accessList() != AccessListCheck.UNCHECKED).accessList())
          .isEqualTo(AccessListCheck.OK);
      assertThat(node.await(missing, r -> r.accessList() != AccessListCheck.UNCHECKED).accessList())
          .isEqualTo(AccessListCheck.MISSING);
      assertThat(node.await(mismatch, r -> r.accessList() != AccessListCheck.UNCHECKED).accessList())
          .isEqualTo(AccessListCheck.MISMATCH);
      List.of(ok, missing, mismatch).forEach(k -> node.await(k, r -> r.status() == Status.VALID));
      await().atMost(LifecycleNode.PATIENCE).until(() -> problems("missing") == 1 && problems("mismatch") == 1);
    }

    private double problems(String result) {
      return node.counter(Meters.ACCESS_LIST_PROBLEMS, Meters.EXECUTING_CHAIN_ID, "902", Meters.RESULT, result);
    }
  }

  @Nested
  class Retention {
    @Test
    void finalMessagesLeaveAfterTheRetentionAndNothingElseDoes() {
      start(Duration.ofSeconds(3), 901, 902, 903);
      DevnetChain idle = devnet.chain(903);
      InitiatingLog log = initiatingLog("retention");
      MessageKey leaving = key(declared(ExecSpec.of(log)));
      // Executed on a chain that mines no further: its block never becomes final, so neither does the message.
      MessageKey staying = key(idle.emitExecuting(List.of(ExecSpec.of(log))));
      mineBoth(2 * EPOCH);

      node.await(leaving, MessageRecord::isFinal);
      await().atMost(LifecycleNode.PATIENCE).until(() -> node.find(leaving).isEmpty());

      MessageRecord kept = node.find(staying).orElseThrow();
      assertThat(kept.status()).isEqualTo(Status.VALID);
      assertThat(kept.isFinal()).isFalse();
      assertThat(node.stores.messages().size()).isEqualTo(1);
      assertThat(node.stores.messages().query(MessageQuery.all(10)).items())
          .extracting(MessageRecord::key).containsExactly(staying);
    }
  }
}
