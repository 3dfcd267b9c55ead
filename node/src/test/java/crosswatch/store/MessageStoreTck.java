package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do, whatever keeps the records. Implementations extend this and supply
 * a fresh, empty store per test.
 */
public abstract class MessageStoreTck {
  protected MessageStore store;

  /** A new, empty store. */
  protected abstract MessageStore newStore() throws Exception;

  /** Releases what {@link #newStore()} started. */
  protected void closeStore() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void releaseStore() throws Exception {
    closeStore();
  }

  @Test
  void findsNothingUnderAnUnknownKey() {
    assertThat(store.find(Fixtures.KEY)).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void findsWhatWasMerged() {
    MessageRecord r = Fixtures.record();

    assertThat(store.merge(r)).isEqualTo(r);
    assertThat(store.find(r.key())).contains(r);
    assertThat(store.size()).isOne();
  }

  @Test
  void mergeKeepsTheLatestVerdictAndTheWholeHistory() {
    MessageRecord first = Fixtures.record();
    MessageRecord later = first.withStatus(Status.INVALID, Reason.LOG_MISSING, Fixtures.T1, new Stamp(5, "node-b"));
    MessageRecord stale = first.withStatus(Status.VALID, null, Fixtures.T1.plusSeconds(1), new Stamp(3, "node-c"));

    store.merge(first);
    store.merge(later);
    MessageRecord stored = store.merge(stale);

    assertThat(stored).isEqualTo(Merge.merge(Merge.merge(first, later), stale));
    assertThat(stored.status()).isEqualTo(Status.INVALID);
    assertThat(stored.history()).extracting(HistoryEntry::status)
        .containsExactly(Status.PENDING, Status.INVALID, Status.VALID);
    assertThat(store.find(first.key())).contains(stored);
  }

  @Test
  void mergingTheSameRecordAgainChangesNothing() {
    MessageRecord r = Fixtures.record().withStatus(Status.VALID, null, Fixtures.T1, new Stamp(2, "node-a"));

    store.merge(r);

    assertThat(store.merge(r)).isEqualTo(r);
    assertThat(store.size()).isOne();
  }

  @Test
  void refusesARecordWhoseFactsContradictTheStoredOne() {
    MessageRecord r = Fixtures.record();
    store.merge(r);
    var contradicting = new MessageRecord(r.key(), r.executingBlockNumber() + 1, r.executingTxHash().toString(),
        r.executingTimestamp(), Hash32.text(r.msgHash()), r.identifier(), r.status(), r.reason(), r.history(), r.firstSeenAt(),
        r.lastCheckedAt(), r.stamp());

    assertThatThrownBy(() -> store.merge(contradicting)).isInstanceOf(ConflictingFacts.class);
    assertThat(store.find(r.key())).contains(r);
  }

  @Test
  void mergeAllMergesDuplicatesAndManyKeys() {
    List<MessageRecord> updates = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      updates.add(Fixtures.recordFor(Fixtures.key(901, i)));
    }
    MessageRecord judged = updates.getFirst().withStatus(Status.VALID, null, Fixtures.T1, new Stamp(4, "node-b"));
    updates.add(judged);

    store.mergeAll(updates);

    assertThat(store.size()).isEqualTo(1_200);
    assertThat(store.find(judged.key())).contains(judged);
    assertThat(store.find(Fixtures.key(901, 1_199))).contains(updates.get(1_199));
  }

  @Test
  void mergeEachMergesDuplicatesAndManyKeysOneByOne() {
    List<MessageRecord> updates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      updates.add(Fixtures.recordFor(Fixtures.key(901, i)));
    }
    store.mergeAll(updates.subList(0, 100));
    MessageRecord judged = updates.getFirst().withStatus(Status.VALID, null, Fixtures.T1, new Stamp(4, "node-b"));
    updates.add(judged);

    store.mergeEach(updates);

    assertThat(store.size()).isEqualTo(300);
    assertThat(store.find(judged.key())).contains(judged);
    assertThat(store.find(Fixtures.key(901, 299))).contains(updates.get(299));
  }

  @Test
  void pagesNewestFirstAndCoverEveryRecordOnceWhileStatusesChange() {
    // Timestamps repeat (ten messages per second) so that ties are broken by key across page boundaries.
    List<MessageRecord> all = IntStream.range(0, 250)
        .mapToObj(i -> Fixtures.record(Fixtures.key(901, i), 1_000 + i, 1_767_225_600L + i / 10, Status.PENDING))
        .toList();
    store.mergeAll(all);

    List<MessageRecord> seen = new ArrayList<>();
    MessageCursor after = null;
    int pages = 0;
    do {
      MessagePage page = store.query(new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100,
          after));
      seen.addAll(page.items());
      after = page.next();
      pages++;
      // Re-judge records on both sides of the cursor: positions must not move.
      for (int i = pages * 7; i < 250; i += 40) {
        store.merge(all.get(i).withStatus(Status.VALID, null, Fixtures.T1, new Stamp(pages + 1L, "node-b")));
      }
    } while (after != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).extracting(MessageRecord::key)
        .containsExactlyElementsOf(all.stream().sorted(MessageCursor.NEWEST_FIRST).map(MessageRecord::key).toList());
  }

  @Test
  void lastPageHasNoCursor() {
    store.merge(Fixtures.record());

    MessagePage page = store.query(MessageQuery.all(100));

    assertThat(page.items()).hasSize(1);
    assertThat(page.next()).isNull();
  }

  @Test
  void filtersByStatusAndChains() {
    MessageRecord pendingOn901 = Fixtures.record(Fixtures.key(901, 1), 10, 1_000, Status.PENDING);
    MessageRecord validOn901 = Fixtures.record(Fixtures.key(901, 2), 11, 1_001, Status.VALID);
    MessageRecord validOn903 = withInitiatingChain(Fixtures.record(Fixtures.key(903, 3), 12, 1_002, Status.VALID),
        901);
    store.mergeAll(List.of(pendingOn901, validOn901, validOn903));

    assertThat(store.query(new MessageQuery(Optional.of(Status.VALID), Optional.empty(), Optional.empty(), 10, null))
        .items()).containsExactly(validOn903, validOn901);
    assertThat(store.query(new MessageQuery(Optional.empty(), Optional.of(901L), Optional.empty(), 10, null))
        .items()).containsExactly(validOn901, pendingOn901);
    assertThat(store.query(new MessageQuery(Optional.empty(), Optional.empty(), Optional.of(901L), 10, null))
        .items()).containsExactly(validOn903);
  }

  @Test
  void pendingListsOnlyPendingRecords() {
    MessageRecord pending = Fixtures.record(Fixtures.key(901, 1), 10, 1_000, Status.PENDING);
    MessageRecord valid = Fixtures.record(Fixtures.key(901, 2), 11, 1_001, Status.VALID);
    MessageRecord judgedLater = Fixtures.record(Fixtures.key(901, 3), 12, 1_002, Status.PENDING);
    store.mergeAll(List.of(pending, valid, judgedLater));
    store.merge(judgedLater.withStatus(Status.INVALID, Reason.EXPIRED, Fixtures.T1, new Stamp(9, "node-a")));

    assertThat(store.pending()).containsExactly(pending);
  }

  @Test
  void executedInSelectsOneChainsBlockRangeInclusive() {
    List<MessageRecord> records = IntStream.range(0, 10)
        .mapToObj(i -> Fixtures.record(Fixtures.key(i % 2 == 0 ? 901 : 902, i), 100 + i, 1_000 + i, Status.VALID))
        .toList();
    store.mergeAll(records);

    assertThat(store.executedIn(901, 102, 106)).extracting(MessageRecord::executingBlockNumber)
        .containsExactlyInAnyOrder(102L, 104L, 106L);
  }

  @Test
  void initiatedInSelectsByTheIdentifiersChainAndBlock() {
    MessageRecord atBlock5 = withInitiatingBlock(Fixtures.record(Fixtures.key(901, 1), 10, 1_000, Status.VALID),
        BigInteger.valueOf(5));
    MessageRecord atBlock9 = withInitiatingBlock(Fixtures.record(Fixtures.key(901, 2), 11, 1_001, Status.VALID),
        BigInteger.valueOf(9));
    MessageRecord beyondUint64 = withInitiatingBlock(Fixtures.record(Fixtures.key(901, 3), 12, 1_002, Status.VALID),
        BigInteger.TWO.pow(70));
    MessageRecord malformed = withoutIdentifier(Fixtures.record(Fixtures.key(901, 4), 13, 1_003, Status.VALID));
    store.mergeAll(List.of(atBlock5, atBlock9, beyondUint64, malformed));

    assertThat(store.initiatedIn(902, 5, 8)).containsExactly(atBlock5);
    assertThat(store.initiatedIn(902, 0, Long.MAX_VALUE)).containsExactlyInAnyOrder(atBlock5, atBlock9);
    assertThat(store.initiatedIn(901, 0, Long.MAX_VALUE)).isEmpty();
  }

  private static MessageRecord withInitiatingChain(MessageRecord r, long chainId) {
    Identifier id = r.identifier();
    return withIdentifier(r, new Identifier(id.origin(), id.blockNumber(), id.logIndex(), id.timestamp(),
        BigInteger.valueOf(chainId)));
  }

  private static MessageRecord withInitiatingBlock(MessageRecord r, BigInteger block) {
    Identifier id = r.identifier();
    return withIdentifier(r, new Identifier(id.origin(), block, id.logIndex(), id.timestamp(), id.chainId()));
  }

  private static MessageRecord withoutIdentifier(MessageRecord r) {
    return withIdentifier(r, null);
  }

  private static MessageRecord withIdentifier(MessageRecord r, Identifier id) {
    return new MessageRecord(r.key(), r.executingBlockNumber(), r.executingTxHash().toString(), r.executingTimestamp(),
        Hash32.text(r.msgHash()), id, r.status(), r.reason(), r.history(), r.firstSeenAt(), r.lastCheckedAt(), r.stamp());
  }

  @Test
  void everyChangeIsPublishedOnceWithWhatItReplaced() {
    var changes = new java.util.concurrent.CopyOnWriteArrayList<MessageEvents.Change>();
    MessageRecord first = Fixtures.record();
    MessageRecord judged = first.withStatus(Status.INVALID, Reason.LOG_MISSING, Fixtures.T1, new Stamp(5, "node-b"));
    try (var subscription = store.events().subscribe(changes::add)) {
      store.merge(first);
      store.merge(first);
      store.mergeAll(List.of(judged, first));
    }
    store.merge(judged.withStatus(Status.VALID, null, Fixtures.T1.plusSeconds(1), new Stamp(6, "node-b")));

    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> changes.size() >= 2);
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).isNew()).isTrue();
    assertThat(changes.get(0).after()).isEqualTo(first);
    assertThat(changes.get(1).before()).isEqualTo(first);
    assertThat(changes.get(1).after().status()).isEqualTo(Status.INVALID);
    assertThat(changes.get(1).verdictChanged()).isTrue();
  }
}
