package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import crosswatch.store.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Judging on a replica that owns only some chains: messages initiated on a chain owned elsewhere are stored and
 * left pending for their owner, and a chain taken over is judged from what the store holds.
 */
class JudgingOwnershipTest {
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

  private Optional<MessageRecord> recordOf(FoundLog log) {
    return store.find(new MessageKey(EXECUTING, log.blockHash(), log.logIndex()));
  }

  private Status statusOf(FoundLog log) {
    return recordOf(log).map(MessageRecord::status).orElse(null);
  }

  /**
   * The executing chain is scanned here and the initiating chain by {@code owner}, another replica sharing the store:
   * a message is found here and handed to the owner as {@code NewMessages} would. Returns the message's log.
   */
  private FoundLog foundHereAndHandedTo(Judging owner, FakeChain ownersInitiating) {
    judging.own(EXECUTING);
    owner.own(INITIATING);
    var block = Messages.block(10, 1);
    ownersInitiating.put(block);
    owner.scanned(INITIATING, 10);
    var log = Messages.pointingAt(block, 0, 7, 0);
    judging.found(EXECUTING, List.of(log), Instant.now());
    owner.stored(List.of(recordOf(log).orElseThrow()));
    return log;
  }

  /** A message executed on the executing chain that points at a produced block of the initiating chain. */
  private FoundLog found() {
    var block = Messages.block(10, 1);
    initiating.put(block);
    var log = Messages.pointingAt(block, 0, 7, 0);
    judging.found(EXECUTING, List.of(log), Instant.now());
    return log;
  }

  @Nested
  class OwnedElsewhere {
    @Test
    void aMessageInitiatedOnAChainOwnedByAnotherReplicaIsStoredPendingAndNotFetched() {
      judging.own(EXECUTING);

      FoundLog log = found();

      assertThat(statusOf(log)).isEqualTo(Status.PENDING);
      assertThat(initiating.fetches()).isEmpty();
    }

    @Test
    void aReleasedChainsMessagesAreNoLongerJudgedHere() {
      judging.own(INITIATING);
      judging.disown(INITIATING);

      FoundLog log = found();
      judging.scanned(INITIATING, 10);

      assertThat(statusOf(log)).isEqualTo(Status.PENDING);
      assertThat(initiating.fetches()).isEmpty();
    }
  }

  @Nested
  class TakingOver {
    @Test
    void takingAChainJudgesItsMessagesStillPendingInTheStore() {
      FoundLog log = found();

      judging.own(INITIATING);
      judging.scanned(INITIATING, 10);

      await().until(() -> statusOf(log) == Status.VALID);
    }

    @Test
    void aMessageAnotherReplicaStoredIsJudgedByTheOwnerOfItsInitiatingChain() {
      FoundLog log = found();
      judging.own(INITIATING);
      judging.scanned(INITIATING, 10);
      await().until(() -> statusOf(log) == Status.VALID);
      var other = Messages.pointingAt(Messages.block(10, 1), 0, 8, 1);
      MessageRecord pending = Verdicts.discovered(EXECUTING, other,
          ExecutingMessageDecoder.decode(other.topics(), other.data()), Instant.now(),
          new HybridClock("other-replica").next());
      store.merge(pending);

      judging.stored(List.of(pending));

      await().until(() -> statusOf(other) == Status.VALID);
    }
  }

  /**
   * Another replica writes the message again while this one judges it (a hot standby found it too): the verdict,
   * computed from the older version, is dropped, and the message must not wait for the sweep.
   */
  @Nested
  class Overtaken {
    @Test
    void aVerdictDroppedBecauseTheMessageChangedIsReachedAgainFromTheStoredVersion() {
      judging.own(INITIATING);
      var block = Messages.block(10, 1);
      initiating.put(block);
      judging.scanned(INITIATING, 10);
      var log = Messages.pointingAt(block, 0, 7, 0);
      initiating.onNextFetch(() -> store.merge(Verdicts.discovered(EXECUTING, log,
          ExecutingMessageDecoder.decode(log.topics(), log.data()), Instant.now(),
          new HybridClock("standby-replica", () -> Instant.now().plusSeconds(60)).next())));

      judging.found(EXECUTING, List.of(log), Instant.now());

      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(initiating.fetches()).hasSize(1);
    }
  }

  /** The replica that judges runs on a wall clock an hour behind the one of the replica that found the message. */
  @Nested
  class OwnerClockBehind {
    private final FakeChain ownersInitiating = new FakeChain(INITIATING);
    private final Judging owner = new Judging(Map.of(INITIATING, ownersInitiating, EXECUTING, new FakeChain(EXECUTING)),
        Messages.DEPENDENCIES, store, new HybridClock("owner-replica", () -> Instant.now().minusSeconds(3600)),
        new RecordingListener());

    @AfterEach
    void stopOwner() {
      owner.close();
    }

    @Test
    void itsVerdictStillWinsOverThePendingRecordItJudged() {
      FoundLog log = foundHereAndHandedTo(owner, ownersInitiating);

      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(recordOf(log).orElseThrow().stamp().writer()).isEqualTo("owner-replica");
    }
  }

  /**
   * The executing chain is scanned here, the initiating chain is owned by another replica sharing the store: a
   * message whose executing block was reorged out and came back must reach that replica's judge again.
   */
  @Nested
  class BlockBackOnTheChain {
    private final FakeChain ownersInitiating = new FakeChain(INITIATING);
    private final Judging owner = new Judging(Map.of(INITIATING, ownersInitiating, EXECUTING, new FakeChain(EXECUTING)),
        Messages.DEPENDENCIES, store, new HybridClock("owner-replica"), new RecordingListener());

    @AfterEach
    void stopOwner() {
      owner.close();
    }

    @Test
    void aReorgedMessageFoundAgainIsStoredPendingAndJudgedByTheOwnerOfItsInitiatingChain() throws Exception {
      FoundLog log = foundHereAndHandedTo(owner, ownersInitiating);
      await().until(() -> statusOf(log) == Status.VALID);
      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, Messages.hash(99)));
      MessageRecord reorged = recordOf(log).orElseThrow();
      assertThat(reorged.status()).isEqualTo(Status.REORGED);

      judging.found(EXECUTING, List.of(log), Instant.now());

      MessageRecord back = recordOf(log).orElseThrow();
      assertThat(back.status()).isEqualTo(Status.PENDING);
      assertThat(back.stamp()).isGreaterThan(reorged.stamp());
      assertThat(listener.changed.getLast()).isEqualTo(back);
      // What NewMessages hands the owner when the pending record replicates there.
      owner.stored(List.of(back));
      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(recordOf(log).orElseThrow().history()).map(HistoryEntry::status)
          .containsExactly(Status.PENDING, Status.VALID, Status.REORGED, Status.PENDING, Status.VALID);
      assertThat(recordOf(log).orElseThrow().flips()).isZero();
      assertThat(initiating.fetches()).isEmpty();
    }

    @Test
    void aMessageBackWhileItsInitiatingChainHasChangedHandsIsJudgedByTheNewOwnerFromTheStore() throws Exception {
      judging.own(EXECUTING);
      var block = Messages.block(10, 1);
      ownersInitiating.put(block);
      var log = Messages.pointingAt(block, 0, 7, 0);
      judging.found(EXECUTING, List.of(log), Instant.now());
      judging.reorged(EXECUTING, 6, numbers -> Map.of(7L, Messages.hash(99)));
      // Back while nobody owns the initiating chain: no replica is told, the store is all there is.
      judging.found(EXECUTING, List.of(log), Instant.now());

      owner.own(INITIATING);
      owner.scanned(INITIATING, 10);

      await().until(() -> statusOf(log) == Status.VALID);
      assertThat(recordOf(log).orElseThrow().history()).map(HistoryEntry::status)
          .containsExactly(Status.PENDING, Status.REORGED, Status.PENDING, Status.VALID);
    }
  }
}
