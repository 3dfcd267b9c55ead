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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Judging against fake chains at its ports, with a real in-memory store. */
class JudgingTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final FakeChain initiating = new FakeChain(INITIATING);
  private final FakeChain executing = new FakeChain(EXECUTING);
  private final RecordingListener listener = new RecordingListener();
  private Judging judging = started();

  private Judging started() {
    var started = new Judging(Map.of(INITIATING, initiating, EXECUTING, executing), Messages.DEPENDENCIES, store,
        new HybridClock("test"), listener);
    started.start();
    return started;
  }

  @AfterEach
  void stop() {
    judging.close();
  }

  private static MessageKey keyOf(FoundLog log) {
    return new MessageKey(EXECUTING, log.blockHash(), log.logIndex());
  }

  private Status statusOf(FoundLog log) {
    return store.find(keyOf(log)).map(MessageRecord::status).orElse(null);
  }

  /** A message pointing at a log of a scanned initiating block, found and judged valid. */
  private FoundLog validMessage(InitiatingBlock.Produced block, long logIndex, long executingBlock) {
    initiating.put(block);
    judging.scanned(INITIATING, block.number());
    var log = Messages.pointingAt(block, logIndex, executingBlock, 0);
    judging.found(EXECUTING, List.of(log), Instant.now());
    await().until(() -> statusOf(log) == Status.VALID);
    return log;
  }

  private List<Status> historyOf(FoundLog log) {
    return store.find(keyOf(log)).orElseThrow().history().stream().map(HistoryEntry::status).toList();
  }

  @Nested
  class FetchOnce {
    @Test
    void everyMessagePointingIntoOneBlockIsJudgedFromOneFetch() {
      var block = Messages.block(10, 50);
      initiating.put(block);
      var logs = LongStream.range(0, 50).mapToObj(i -> Messages.pointingAt(block, i, 7, i)).toList();
      judging.scanned(INITIATING, 10);

      judging.found(EXECUTING, logs, Instant.now());

      await().untilAsserted(() -> assertThat(logs).allSatisfy(l -> assertThat(statusOf(l)).isEqualTo(Status.VALID)));
      assertThat(initiating.fetches()).containsExactly(List.of(10L));
    }

    @Test
    void aBlockFetchedOnceServesMessagesFoundLater() {
      var block = Messages.block(10, 2);
      validMessage(block, 0, 7);

      var second = Messages.pointingAt(block, 1, 8, 0);
      judging.found(EXECUTING, List.of(second), Instant.now());

      await().until(() -> statusOf(second) == Status.VALID);
      assertThat(initiating.fetches()).hasSize(1);
    }
  }

  @Nested
  class Pending {
    @Test
    void aMessageBeyondTheScannedHeadWaitsWithoutFetchingAndIsJudgedWhenTheHeadPassesIt() {
      var block = Messages.block(10, 1);
      var log = Messages.pointingAt(block, 0, 7, 0);
      judging.scanned(INITIATING, 5);
      judging.found(EXECUTING, List.of(log), Instant.now());
      await().until(() -> statusOf(log) == Status.PENDING);
      judging.scanned(INITIATING, 9);
      assertThat(initiating.fetches()).isEmpty();

      initiating.put(block);
      judging.scanned(INITIATING, 10);

      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.VALID);
    }

    @Test
    void aRestartedJudgeResumesThePendingMessagesOfTheStore() {
      var block = Messages.block(10, 1);
      var log = Messages.pointingAt(block, 0, 7, 0);
      judging.found(EXECUTING, List.of(log), Instant.now());
      await().until(() -> statusOf(log) == Status.PENDING);
      judging.close();

      judging = started();
      initiating.put(block);
      judging.scanned(INITIATING, 10);

      await().until(() -> statusOf(log) == Status.VALID);
    }
  }

  @Nested
  class RpcFailure {
    @Test
    void leavesTheMessagePendingReportsTheFailureAndRetriesLater() {
      var block = Messages.block(10, 1);
      initiating.put(block);
      initiating.failing(true);
      judging.scanned(INITIATING, 10);
      var log = Messages.pointingAt(block, 0, 7, 0);

      judging.found(EXECUTING, List.of(log), Instant.now());

      await().until(() -> !listener.failures.isEmpty());
      assertThat(statusOf(log)).isEqualTo(Status.PENDING);
      initiating.failing(false);
      await().atMost(Duration.ofSeconds(5)).until(() -> statusOf(log) == Status.VALID);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.VALID);
    }
  }

  @Nested
  class WithoutFetching {
    @Test
    void aMessageForAChainThatIsNotWatchedIsInvalidAsUnknownChain() {
      var log = Messages.executing(7, 0, Messages.hash(1), Messages.ORIGIN, 10, 0, Messages.INITIATED_AT, 77);

      judging.found(EXECUTING, List.of(log), Instant.now());

      assertThat(store.find(keyOf(log)).orElseThrow().reason()).isEqualTo(Reason.UNKNOWN_CHAIN);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.INVALID);
    }

    @Test
    void aMalformedInboxLogIsInvalidAsMalformedEvent() {
      var wellFormed = Messages.pointingAt(Messages.block(10, 1), 0, 7, 0);
      var log = new FoundLog(7, wellFormed.blockHash(), wellFormed.blockTimestamp(), wellFormed.transactionHash(), 0,
          wellFormed.topics().subList(0, 1), wellFormed.data());

      judging.found(EXECUTING, List.of(log), Instant.now());

      MessageRecord record = store.find(keyOf(log)).orElseThrow();
      assertThat(record.status()).isEqualTo(Status.INVALID);
      assertThat(record.reason()).isEqualTo(Reason.MALFORMED_EVENT);
      assertThat(initiating.fetches()).isEmpty();
    }
  }

  @Nested
  class SeenTwice {
    @Test
    void aMessageFoundAgainIsNeitherStoredNorCountedTwice() {
      var log = validMessage(Messages.block(10, 1), 0, 7);

      judging.found(EXECUTING, List.of(log), Instant.now());

      assertThat(store.size()).isEqualTo(1);
      assertThat(listener.found).hasSize(1);
      assertThat(statusOf(log)).isEqualTo(Status.VALID);
    }
  }

  @Nested
  class Reorgs {
    @Test
    void messagesOfAReplacedExecutingBlockBecomeReorgedAndAJudgeCannotOverwriteThat() throws Exception {
      var block = Messages.block(10, 1);
      var log = Messages.pointingAt(block, 0, 7, 0);
      judging.found(EXECUTING, List.of(log), Instant.now());
      await().until(() -> statusOf(log) == Status.PENDING);

      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, Messages.hash(99)));
      initiating.put(block);
      judging.scanned(INITIATING, 10);

      await().until(() -> initiating.fetches().size() == 1);
      judging.close();
      assertThat(statusOf(log)).isEqualTo(Status.REORGED);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.REORGED);
    }

    @Test
    void aMessageWhoseExecutingBlockComesBackIsPendingAgainThenJudgedAfresh() throws Exception {
      var log = validMessage(Messages.block(10, 1), 0, 7);
      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, Messages.hash(99)));

      judging.found(EXECUTING, List.of(log), Instant.now());

      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(historyOf(log))
          .containsExactly(Status.PENDING, Status.VALID, Status.REORGED, Status.PENDING, Status.VALID);
      assertThat(listener.changed).map(MessageRecord::status)
          .containsExactly(Status.VALID, Status.REORGED, Status.PENDING, Status.VALID);
      assertThat(listener.found).hasSize(1);
    }

    @Test
    void aMalformedMessageWhoseExecutingBlockComesBackIsInvalidAgainAtOnce() throws Exception {
      var wellFormed = Messages.pointingAt(Messages.block(10, 1), 0, 7, 0);
      var log = new FoundLog(7, wellFormed.blockHash(), wellFormed.blockTimestamp(), wellFormed.transactionHash(), 0,
          wellFormed.topics().subList(0, 1), wellFormed.data());
      judging.found(EXECUTING, List.of(log), Instant.now());
      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, Messages.hash(99)));

      judging.found(EXECUTING, List.of(log), Instant.now());

      assertThat(store.find(keyOf(log)).orElseThrow().reason()).isEqualTo(Reason.MALFORMED_EVENT);
      // Found and judged at one instant, the first two entries are ordered by name; what matters follows them.
      assertThat(historyOf(log)).hasSize(4).endsWith(Status.REORGED, Status.INVALID);
      assertThat(initiating.fetches()).isEmpty();
    }

    @Test
    void messagesOfAnExecutingBlockThatStayedCanonicalAreKept() throws Exception {
      var log = validMessage(Messages.block(10, 1), 0, 7);

      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, log.blockHash()));

      assertThat(statusOf(log)).isEqualTo(Status.VALID);
    }

    @Test
    void messagesPointingIntoAReplacedInitiatingBlockAreJudgedAgainWhenItIsScannedAnew() throws Exception {
      var original = Messages.block(10, 1);
      var log = validMessage(original, 0, 7);

      initiating.put(new InitiatingBlock.Produced(10, Messages.hash(4242), original.timestamp(), List.of()));
      judging.reorged(INITIATING, 9, numbers -> Map.of());
      judging.scanned(INITIATING, 10);

      await().until(() -> statusOf(log) == Status.INVALID);
      assertThat(store.find(keyOf(log)).orElseThrow().reason()).isEqualTo(Reason.LOG_MISSING);
      assertThat(historyOf(log)).containsExactly(Status.PENDING, Status.VALID, Status.INVALID);
      assertThat(initiating.fetches()).hasSize(2);
    }
  }
}
