package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Reason;
import crosswatch.store.ChainHeads;
import crosswatch.store.HistoryEntry;
import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An invalid verdict on a message executed on a chain with two endpoints is written only once both hold its
 * executing log as it was found: a node that made the log up (another identifier in its data) makes no message
 * invalid.
 */
class ExecutingConfirmationTest {
  private static final InitiatingBlock.Produced BLOCK = Messages.block(10, 3);
  /** A message executed in block 7 that truly breaks the protocol: its payload is not log 1's. */
  private static final FoundLog MISMATCH = Messages.executing(7, 0, Messages.hash(42), Messages.ORIGIN, 10, 1,
      BLOCK.timestamp(), INITIATING);
  /** The same log as a liar tells it: another timestamp in its data, which no bloom shows. */
  private static final FoundLog MADE_UP = Messages.executing(7, 0, Messages.hash(42), Messages.ORIGIN, 10, 1,
      BLOCK.timestamp() + 1, INITIATING);

  private static MessageRecord recordOf(FoundLog log) {
    return Verdicts.discovered(EXECUTING, log, ExecutingMessageDecoder.decode(log.topics(), log.data()),
        Instant.now(), new HybridClock("test").next());
  }

  private static ExecutingRead.Read holding(String endpoint, FoundLog log) {
    return new ExecutingRead.Read(endpoint, Optional.of(log.blockHash()), List.of(log));
  }

  @Nested
  class Decision {
    @Test
    void everyEndpointHoldingTheLogAsFoundConfirmsIt() {
      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH), List.of(holding("a", MISMATCH), holding("b", MISMATCH))))
          .isEmpty();
    }

    @Test
    void anotherLogAtItsIndexInTheSameBlockIsADisagreement() {
      assertThat(ExecutingConfirmation.of(recordOf(MADE_UP), List.of(holding("a", MADE_UP), holding("b", MISMATCH))))
          .hasValueSatisfying(d -> {
            assertThat(d.disagreement()).isTrue();
            assertThat(d.detail()).contains("b has another inbox log 0");
          });
    }

    @Test
    void anotherBlockAtItsHeightOrNoLogAtItsIndexIsADisagreement() {
      var another = new ExecutingRead.Read("b", Optional.of(Messages.hash(99)), List.of());
      var without = new ExecutingRead.Read("b", Optional.of(MISMATCH.blockHash()), List.of());

      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH), List.of(holding("a", MISMATCH), another)))
          .hasValueSatisfying(d -> assertThat(d.disagreement()).isTrue());
      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH), List.of(holding("a", MISMATCH), without)))
          .hasValueSatisfying(d -> assertThat(d.disagreement()).isTrue());
    }

    @Test
    void anEndpointThatFailsOrHasNoBlockThereYetLeavesItUnconfirmedWithoutDisagreeing() {
      var failed = new ExecutingRead.Failed("b", "timeout after 10s");
      var behind = new ExecutingRead.Read("b", Optional.empty(), List.of());

      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH), List.of(holding("a", MISMATCH), failed)))
          .hasValueSatisfying(d -> assertThat(d.disagreement()).isFalse());
      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH), List.of(holding("a", MISMATCH), behind)))
          .hasValueSatisfying(d -> assertThat(d.disagreement()).isFalse());
    }
    @Test
    void twoOfThreeEndpointsHoldingTheLogConfirmItWhileTheThirdIsDownButOneOfTwoDoesNot() {
      var failed = new ExecutingRead.Failed("c", "connection reset");

      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH),
          List.of(holding("a", MISMATCH), holding("b", MISMATCH), failed))).isEmpty();
      assertThat(ExecutingConfirmation.of(recordOf(MISMATCH),
          List.of(holding("a", MISMATCH), failed, new ExecutingRead.Failed("b", "503")))).isPresent();
    }
  }

  /** Judging with an executing chain of two endpoints: the first holds the log found, the second what the test says. */
  @Nested
  class Judged {
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final FakeChain initiating = new FakeChain(INITIATING);
    private final RecordingListener listener = new RecordingListener();
    private volatile FoundLog second;
    private final Judging judging = new Judging(
        Map.of(INITIATING, initiating, EXECUTING, new FakeChain(EXECUTING)), Map.of(),
        Map.of(EXECUTING, (number, hash) -> List.of(holding("fake://first", found()),
            holding("fake://second", second))),
        Messages.DEPENDENCIES, store, new HybridClock("test"), listener, new ChainHeads(new ConcurrentHashMap<>()),
        Judging.DEFAULT_SWEEP);
    private FoundLog found;

    private FoundLog found() {
      return found;
    }

    @AfterEach
    void stop() {
      judging.close();
    }

    private void find(FoundLog log) {
      found = log;
      initiating.put(BLOCK);
      judging.start();
      judging.scanned(INITIATING, 10);
      judging.found(EXECUTING, List.of(log), Instant.now());
    }

    private MessageRecord stored(FoundLog log) {
      return store.find(new MessageKey(EXECUTING, log.blockHash(), log.logIndex())).orElseThrow();
    }

    @Test
    void aLogMadeUpByOneEndpointMakesNoMessageInvalidAndCountsADisagreement() {
      second = MISMATCH;
      find(MADE_UP);

      await().until(() -> listener.withheld.contains(Withheld.EXECUTING_UNCONFIRMED));
      assertThat(stored(MADE_UP).history()).extracting(HistoryEntry::status).containsOnly(Status.PENDING);
      assertThat(listener.disagreements).contains(EXECUTING);
    }

    @Test
    void aTrulyInvalidMessageIsWrittenInvalidOnceBothEndpointsHoldItsLog() {
      second = MADE_UP;
      find(MISMATCH);
      await().until(() -> listener.withheld.contains(Withheld.EXECUTING_UNCONFIRMED));
      assertThat(stored(MISMATCH).status()).isEqualTo(Status.PENDING);

      second = MISMATCH;

      await().atMost(Duration.ofSeconds(10)).until(() -> stored(MISMATCH).status() == Status.INVALID);
      assertThat(stored(MISMATCH).reason()).isEqualTo(Reason.PAYLOAD_MISMATCH);
    }

    /**
     * A malformed log's verdict is written at once: its pending record would not keep what is wrong with it, and a
     * judge would take its best-effort identifier for a well-formed one.
     */
    @Test
    void aMalformedLogIsWrittenInvalidAtOnce() {
      FoundLog malformed = new FoundLog(7, Messages.hash(7), MISMATCH.blockTimestamp(), Messages.hash(5_000_002), 2,
          MISMATCH.topics(), "0x1234");
      second = MISMATCH;
      find(malformed);

      await().until(() -> stored(malformed).status() == Status.INVALID);
      assertThat(stored(malformed).reason()).isEqualTo(Reason.MALFORMED_EVENT);
      assertThat(listener.withheld).isEmpty();
    }

    /** Rules that need no initiating block (here: a chain no dependency set names) are held the same way. */
    @Test
    void aMessageInvalidWithoutAnyBlockIsStoredPendingUntilItsLogIsConfirmed() {
      FoundLog unknownChain = Messages.executing(7, 1, Messages.hash(42), Messages.ORIGIN, 10, 1, BLOCK.timestamp(),
          77);
      second = unknownChain;
      find(unknownChain);

      await().until(() -> stored(unknownChain).status() == Status.INVALID);
      assertThat(stored(unknownChain).reason()).isEqualTo(Reason.UNKNOWN_CHAIN);
      assertThat(stored(unknownChain).history()).extracting(HistoryEntry::status)
          .containsExactly(Status.PENDING, Status.INVALID);
    }
  }
}
