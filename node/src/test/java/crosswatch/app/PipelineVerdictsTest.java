package crosswatch.app;

import static crosswatch.app.PipelineHarness.history;
import static crosswatch.app.PipelineHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.StartBlock;
import crosswatch.devnet.Broken;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.Malformed;
import crosswatch.devnet.RawLog;
import crosswatch.protocol.Reason;
import crosswatch.store.Hash32;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;

/**
 * Every verdict and reason end to end, on real chains: 901 followed over WebSocket, the others polled over http.
 * 903 activates interop only in a month; 904's clock is moved past the expiry window; 905's clock runs ahead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class PipelineVerdictsTest {
  private Devnet devnet;
  private PipelineHarness node;
  private DevnetChain c901;
  private DevnetChain c902;

  @BeforeAll
  void start(@TempDir Path dataDir) {
    devnet = Devnet.start(901, 902, 903, 904, 905);
    c901 = devnet.chain(901);
    c902 = devnet.chain(902);
    long inAMonth = Instant.now().plusSeconds(30L * 86_400).getEpochSecond();
    var dependencies = PipelineHarness.dependencies(List.of(901L, 902L, 903L, 904L, 905L), Map.of(903L, inAMonth));
    node = new PipelineHarness(List.of(PipelineHarness.ws(c901), PipelineHarness.http(c902),
        PipelineHarness.http(devnet.chain(903)), PipelineHarness.http(devnet.chain(904)),
        PipelineHarness.http(devnet.chain(905))), dependencies, new StartBlock.Number(0),
        new InMemoryMessageStore(), dataDir);
  }

  @AfterAll
  void stop() {
    node.close();
    devnet.close();
  }

  private InitiatingLog initiate(DevnetChain chain, String seed) {
    return chain.emitInitiating(List.of(Hash.sha3String(seed)), "0x" + "ab".repeat(7));
  }

  private MessageRecord invalidWith(ExecutingReceipt receipt, Reason reason) {
    MessageRecord record = node.awaitStatus(key(receipt), Status.INVALID);
    assertThat(record.reason()).isEqualTo(reason);
    return record;
  }

  @Nested
  class Valid {
    @Test
    void aMessageBetweenTwoChainsIsValidAfterBeingPending() {
      InitiatingLog log = initiate(c901, "valid-cross");
      ExecutingReceipt receipt = c902.emitExecuting(List.of(ExecSpec.of(log)));

      MessageRecord record = node.awaitStatus(key(receipt), Status.VALID);

      assertThat(history(record)).containsExactly(Status.PENDING, Status.VALID);
      assertThat(record.identifier().chainId()).isEqualTo(BigInteger.valueOf(901));
      assertThat(record.executingTimestamp()).isEqualTo(receipt.timestamp());
      assertThat(record.executingTxHash()).hasToString(receipt.txHash().toLowerCase());
      assertThat(Hash32.text(record.msgHash())).isEqualTo(log.msgHash());
    }

    @Test
    void aMessageExecutedOnTheChainThatInitiatedItIsValid() {
      InitiatingLog log = initiate(c901, "valid-same");
      node.awaitStatus(key(c901.emitExecuting(List.of(ExecSpec.of(log)))), Status.VALID);
    }
  }

  @Nested
  class Invalid {
    @ParameterizedTest
    @EnumSource(value = Broken.class, names = {"UNKNOWN_CHAIN", "LOG_MISSING", "ORIGIN_MISMATCH",
        "PAYLOAD_MISMATCH", "TIMESTAMP_MISMATCH"})
    void aBrokenIdentifierIsInvalidWithItsReason(Broken broken) {
      InitiatingLog log = initiate(c901, "broken-" + broken);
      ExecutingReceipt receipt = c902.emitExecuting(List.of(broken.spec(log)));

      MessageRecord record = invalidWith(receipt, Reason.fromWireName(broken.reason()));
      assertThat(history(record)).containsExactly(Status.PENDING, Status.INVALID);
    }

    @Test
    void aMessageInitiatedAfterItsExecutingBlockIsInvalid() {
      DevnetChain ahead = devnet.chain(905);
      ahead.increaseTime(60);
      InitiatingLog log = initiate(ahead, "from-the-future");
      ExecutingReceipt receipt = c902.emitExecuting(List.of(Broken.INITIATED_AFTER_EXECUTING.spec(log)));
      assertThat(receipt.timestamp()).isLessThan(log.timestamp());

      invalidWith(receipt, Reason.INITIATED_AFTER_EXECUTING);
    }

    @Test
    void aMessageExecutedPastTheExpiryWindowIsInvalid() {
      InitiatingLog log = initiate(c901, "old");
      DevnetChain late = devnet.chain(904);
      late.setNextBlockTimestamp(log.timestamp() + Broken.EXPIRY_WINDOW_SECONDS + 1);

      invalidWith(late.emitExecuting(List.of(Broken.EXPIRED.spec(log))), Reason.EXPIRED);
    }

    @Test
    void aMessageFromAChainWhereInteropIsNotActiveIsInvalid() {
      InitiatingLog log = initiate(devnet.chain(903), "inactive");

      invalidWith(c902.emitExecuting(List.of(Broken.INTEROP_INACTIVE.spec(log))), Reason.INTEROP_INACTIVE);
    }

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void aMalformedInboxLogIsInvalidAsAMalformedEvent(Malformed malformed) {
      InitiatingLog log = initiate(c901, "malformed-" + malformed);

      invalidWith(c902.emitRawInboxLog(malformed.log(ExecSpec.of(log))), Reason.MALFORMED_EVENT);
    }
  }

  @Nested
  class Volume {
    @Test
    void fiveHundredMessagesInOneBlockAreEachJudged() {
      List<InitiatingLog> logs = c901.emitInitiatingBatch(IntStream.range(0, 500)
          .mapToObj(i -> new RawLog(List.of(Hash.sha3String("bulk-" + i)), "0x")).toList());
      ExecutingReceipt receipt = c902.emitExecuting(logs.stream().map(ExecSpec::of).toList());
      assertThat(receipt.logIndexes()).hasSize(500);

      node.awaitAll(PipelineHarness.keys(receipt), Status.VALID);
    }
  }

  @Nested
  class Pending {
    @Test
    void aMessageWhoseInitiatingBlockDoesNotExistYetIsPendingUntilTheBlockArrives() {
      RawLog future = new RawLog(List.of(Hash.sha3String("not yet")), "0x");
      long timestamp = c901.latestBlock().timestamp() + 1;
      long number = c901.head() + 1;
      String tx;
      ExecutingReceipt receipt;
      c901.setAutomine(false);
      try {
        c901.setNextBlockTimestamp(timestamp);
        tx = c901.submitInitiatingBatch(List.of(future));
        var expected = new InitiatingLog(901, number, "0x" + "0".repeat(64), 0, timestamp,
            c901.emitterAddress(), future.topics(), future.data(), tx);
        c902.setNextBlockTimestamp(Math.max(c902.latestBlock().timestamp(), timestamp) + 1);
        receipt = c902.emitExecuting(List.of(ExecSpec.of(expected)));
        node.awaitStatus(key(receipt), Status.PENDING);

        c901.mine(1);
      } finally {
        c901.setAutomine(true);
      }
      assertThat(c901.initiatingLogs(tx).getFirst().blockNumber()).isEqualTo(number);

      MessageRecord record = node.awaitStatus(key(receipt), Status.VALID);
      assertThat(history(record)).containsExactly(Status.PENDING, Status.VALID);
    }
  }
}
