package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An invalid verdict is written only on a block read completely and agreed by every endpoint: a lagging or lying
 * answer makes no message invalid. Judging against a fake chain at its port, with a real in-memory store.
 */
class ConfirmationTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final FakeChain initiating = new FakeChain(INITIATING);
  private final FakeChain executing = new FakeChain(EXECUTING);
  private final RecordingListener listener = new RecordingListener();
  private final Judging judging = new Judging(Map.of(INITIATING, initiating, EXECUTING, executing),
      Messages.DEPENDENCIES, store, new HybridClock("test"), listener);

  @AfterEach
  void stop() {
    judging.close();
  }

  private FoundLog found(FoundLog log) {
    judging.start();
    judging.scanned(INITIATING, 10);
    judging.found(EXECUTING, List.of(log), Instant.now());
    return log;
  }

  private MessageRecord recordOf(FoundLog log) {
    return store.find(new MessageKey(EXECUTING, log.blockHash(), log.logIndex())).orElseThrow();
  }

  private List<Status> historyOf(FoundLog log) {
    return recordOf(log).history().stream().map(HistoryEntry::status).toList();
  }

  /** A message pointing at log 1 of block 10, whose payload is not that log's. */
  private static FoundLog payloadMismatch(InitiatingBlock.Produced block) {
    return Messages.executing(7, 0, Messages.hash(42), Messages.ORIGIN, block.number(), 1, block.timestamp(),
        INITIATING);
  }

  @Nested
  class OneEndpoint {
    @Test
    void aValidMessageWhoseLogAPartialAnswerLeftOutIsValidOnTheCompleteBlock() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      initiating.hidingLogs(true);

      FoundLog log = found(Messages.pointingAt(block, 2, 7, 0));

      await().until(() -> recordOf(log).status() == Status.VALID);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.VALID);
      assertThat(initiating.confirmations()).containsExactly(10L);
    }

    @Test
    void aTrulyInvalidMessageIsWrittenInvalidOnceTheCompleteBlockConfirmsIt() {
      var block = Messages.block(10, 3);
      initiating.put(block);

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> recordOf(log).status() == Status.INVALID);
      assertThat(recordOf(log).reason()).isEqualTo(Reason.PAYLOAD_MISMATCH);
      assertThat(initiating.confirmations()).containsExactly(10L);
    }

    @Test
    void aPayloadMismatchThatAPartialAnswerShowsAsAMissingLogKeepsItsTrueReason() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      initiating.hidingLogs(true);

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> recordOf(log).status() == Status.INVALID);
      assertThat(recordOf(log).reason()).isEqualTo(Reason.PAYLOAD_MISMATCH);
    }

    @Test
    void whenTheCompleteReadFailsTheMessageStaysPendingAndTheVerdictIsWithheld() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      initiating.addEndpoint(Map.of(10L, new EndpointRead.Failed("fake://second", "timeout after 10s")));

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> listener.withheld.contains(Withheld.UNCONFIRMED));
      assertThat(historyOf(log)).containsOnly(Status.PENDING);
    }
  }

  @Nested
  class TwoEndpoints {
    @Test
    void anEndpointNamingAnotherBlockAtTheHeightWithholdsTheVerdictAndCountsADisagreement() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      var other = new InitiatingBlock.Produced(10, Messages.hash(77), block.timestamp(), block.logs());
      initiating.addEndpoint(Map.of(10L, new EndpointRead.Read("fake://second", other)));

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> listener.withheld.contains(Withheld.DISAGREEMENT));
      assertThat(historyOf(log)).containsOnly(Status.PENDING);
      assertThat(listener.disagreements).isNotEmpty();
    }

    @Test
    void aLyingFirstEndpointThatHidesALogCannotMakeAValidMessageInvalidAndTheTruthfulOneProvesItValid() {
      var block = Messages.block(10, 3);
      initiating.put(FakeChain.without(block, 2));
      initiating.addEndpoint(Map.of(10L, new EndpointRead.Read("fake://second", block)));

      FoundLog log = found(Messages.pointingAt(block, 2, 7, 0));

      await().until(() -> recordOf(log).status() == Status.VALID);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.VALID);
      assertThat(listener.disagreements).containsExactly(INITIATING);
    }

    @Test
    void anInvalidMessageOnWhichTheEndpointsDisagreeStaysPending() {
      var block = Messages.block(10, 3);
      initiating.put(FakeChain.without(block, 1));
      initiating.addEndpoint(Map.of(10L, new EndpointRead.Read("fake://second", block)));

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> listener.withheld.contains(Withheld.DISAGREEMENT));
      assertThat(historyOf(log)).containsOnly(Status.PENDING);
    }

    @Test
    void whenEveryEndpointAgreesTheInvalidVerdictIsWritten() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      initiating.addEndpoint(Map.of());

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> recordOf(log).status() == Status.INVALID);
      assertThat(listener.withheld).isEmpty();
    }

    @Test
    void anEndpointThatHasNotReachedTheBlockYetWithholdsTheVerdict() {
      var block = Messages.block(10, 3);
      initiating.put(block);
      initiating.addEndpoint(Map.of(10L, new EndpointRead.Read("fake://second", InitiatingBlock.NOT_YET_PRODUCED)));

      FoundLog log = found(payloadMismatch(block));

      await().until(() -> listener.withheld.contains(Withheld.UNCONFIRMED));
      assertThat(historyOf(log)).containsOnly(Status.PENDING);
    }
  }

  @Nested
  class Decision {
    @Test
    void readsThatAgreeConfirmTheBlockAndAnyFailedReadLeavesItUnconfirmed() {
      var block = Messages.block(10, 1);
      var a = new EndpointRead.Read("a", block);
      var b = new EndpointRead.Read("b", block);

      assertThat(Confirmation.of(10, List.of(a, b))).isEqualTo(new Confirmation.Agreed(block));
      assertThat(Confirmation.of(10, List.of(a, new EndpointRead.Failed("b", "timeout"))))
          .isInstanceOf(Confirmation.Unconfirmed.class);
    }

    /** Two providers of three agreeing suffice while the third is down or behind; one of two never does. */
    @Test
    void anEndpointThatFailsOrIsBehindDoesNotVoteButTwoAgreeingReadsAreNeeded() {
      var block = Messages.block(10, 1);
      var a = new EndpointRead.Read("a", block);
      var b = new EndpointRead.Read("b", block);
      var down = new EndpointRead.Failed("c", "timeout");
      var behind = new EndpointRead.Read("c", InitiatingBlock.NOT_YET_PRODUCED);

      assertThat(Confirmation.of(10, List.of(a, b, down))).isEqualTo(new Confirmation.Agreed(block));
      assertThat(Confirmation.of(10, List.of(a, b, behind))).isEqualTo(new Confirmation.Agreed(block));
      assertThat(Confirmation.of(10, List.of(a, down, new EndpointRead.Failed("b", "503"))))
          .isInstanceOfSatisfying(Confirmation.Unconfirmed.class,
              u -> assertThat(u.detail()).contains("1 of 3 endpoints, 2 needed").contains("unreadable at c"));
      assertThat(Confirmation.of(10, List.of(a))).isEqualTo(new Confirmation.Agreed(block));
    }

    @Test
    void anEndpointNamingOtherLogsVetoesEvenWhenTwoOthersAgree() {
      var block = Messages.block(10, 2);
      var other = new InitiatingBlock.Produced(10, block.hash(), block.timestamp(), block.logs().subList(0, 1));

      assertThat(Confirmation.of(10, List.of(new EndpointRead.Read("a", block), new EndpointRead.Read("b", block),
          new EndpointRead.Read("c", other)))).isInstanceOf(Confirmation.Disagreed.class);
    }

    /** A made-up hash fails its own log read: what the endpoint named still disagrees with the other one. */
    @Test
    void anotherHashNamedByAnEndpointWhoseLogsFailedIsADisagreement() {
      var block = Messages.block(10, 1);
      var a = new EndpointRead.Partial("a", "0x" + "f".repeat(64), "unknown block");
      var b = new EndpointRead.Read("b", block);

      assertThat(Confirmation.of(10, List.of(a, b))).isInstanceOfSatisfying(Confirmation.Disagreed.class,
          d -> assertThat(d.detail()).contains("a=0x" + "f".repeat(64)).contains("b=" + block.hash()));
    }

    @Test
    void theSameHashNamedByAnEndpointWhoseLogsFailedLeavesTheBlockUnconfirmed() {
      var block = Messages.block(10, 1);
      var a = new EndpointRead.Partial("a", block.hash(), "logs do not match the logsBloom");

      assertThat(Confirmation.of(10, List.of(a, new EndpointRead.Read("b", block))))
          .isInstanceOf(Confirmation.Unconfirmed.class);
    }

    @Test
    void sameHashWithOtherLogsIsADisagreementToo() {
      var block = Messages.block(10, 2);
      var a = new EndpointRead.Read("a", block);
      var b = new EndpointRead.Read("b", FakeChain.without(block, 1));

      assertThat(Confirmation.of(10, List.of(a, b))).isInstanceOf(Confirmation.Disagreed.class);
    }
  }
}
