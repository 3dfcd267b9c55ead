package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Checkpoint;
import crosswatch.store.ConflictingFacts;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.Merge;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two members in this JVM on loopback TCP: what one writes the other reads, and concurrent writes converge. */
class ReplicationTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  @Nested
  class TwoMembers {
    @Test
    void aRecordWrittenOnOneIsFoundAndListedOnTheOther() {
      List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
      MessageRecord r = record(1);

      pair.get(0).messages().merge(r);

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        assertThat(pair.get(1).messages().find(r.key())).contains(r);
        assertThat(pair.get(1).messages().query(MessageQuery.all(10)).items()).containsExactly(r);
      });
      assertThat(pair.get(1).cacheManager().getMembers()).hasSize(2);
    }

    @Test
    void aCheckpointWrittenOnOneIsReadOnTheOther() {
      List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
      var checkpoint = new Checkpoint(901, 1234, "0x" + "e".repeat(64));

      pair.get(0).checkpoints().put(checkpoint);

      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(pair.get(1).checkpoints().get(901)).contains(checkpoint));
    }

    @Test
    void concurrentConflictingWritesConvergeToTheirMerge() {
      List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
      List<MessageRecord> base = IntStream.range(0, 200).mapToObj(ReplicationTest::record).toList();
      pair.get(0).messages().mergeAll(base);
      // Each writer judges every message differently, with clocks that disagree: a's stamps win on even messages.
      List<MessageRecord> byA = base.stream().map(r -> judged(r, Status.VALID, null, "node-a", 10)).toList();
      List<MessageRecord> byB = base.stream()
          .map(r -> judged(r, Status.INVALID, Reason.PAYLOAD_MISMATCH, "node-b", isEven(r) ? 5 : 15)).toList();

      try (var writers = Executors.newVirtualThreadPerTaskExecutor()) {
        writers.submit(() -> byA.forEach(pair.get(0).messages()::merge));
        writers.submit(() -> pair.get(1).messages().mergeAll(byB));
      }

      for (int i = 0; i < base.size(); i++) {
        MessageRecord expected = Merge.merge(Merge.merge(base.get(i), byA.get(i)), byB.get(i));
        assertThat(pair.get(0).messages().find(expected.key())).contains(expected);
        assertThat(pair.get(1).messages().find(expected.key())).contains(expected);
        assertThat(expected.status()).isEqualTo(isEven(expected) ? Status.VALID : Status.INVALID);
      }
      assertThat(pair.get(1).messages().query(MessageQuery.all(1000)).items())
          .containsExactlyElementsOf(pair.get(0).messages().query(MessageQuery.all(1000)).items());
    }

    @Test
    void contradictingFactsAreRefusedWhicheverMemberOwnsTheKey() {
      List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
      List<MessageRecord> base = IntStream.range(0, 20).mapToObj(ReplicationTest::record).toList();
      pair.get(0).messages().mergeAll(base);

      for (MessageRecord r : base) {
        MessageRecord contradicting = new MessageRecord(r.key(), r.executingBlockNumber() + 1, r.executingTxHash().toString(),
            r.executingTimestamp(), Hash32.text(r.msgHash()), r.identifier(), r.status(), r.reason(), r.history(),
            r.firstSeenAt(), r.lastCheckedAt(), r.stamp());
        assertThatThrownBy(() -> pair.get(1).messages().merge(contradicting)).isInstanceOf(ConflictingFacts.class);
      }
    }
  }

  @Nested
  class LateJoiner {
    @Test
    void receivesAndIndexesWhatWasWrittenBeforeItJoined() {
      List<ClusterOptions> options = TestNodes.cluster(root, List.of("node-a", "node-b")).stream()
          .map(o -> o.withMembers(o.members(), 1))
          .toList();
      ClusterStores first = nodes.start(options.get(0));
      List<MessageRecord> written = IntStream.range(0, 300).mapToObj(ReplicationTest::record).toList();
      first.messages().mergeAll(written);

      ClusterStores late = nodes.start(options.get(1));

      assertThat(late.messages().size()).isEqualTo(300);
      assertThat(late.messages().query(MessageQuery.all(1000)).items()).hasSize(300);
      assertThat(late.messages().pending()).hasSize(300);
    }

    @Test
    void joiningWhileRecordsAreWrittenIndexesEveryRecordItHolds() throws Exception {
      List<ClusterOptions> options = TestNodes.cluster(root, List.of("node-a", "node-b")).stream()
          .map(o -> o.withMembers(o.members(), 1))
          .toList();
      ClusterStores first = nodes.start(options.get(0));
      List<MessageRecord> written = IntStream.range(0, 20_000).mapToObj(ReplicationTest::record).toList();
      ClusterStores late;
      try (var writer = Executors.newVirtualThreadPerTaskExecutor()) {
        var writing = writer.submit(() -> {
          for (int from = 0; from < written.size(); from += 250) {
            first.messages().mergeAll(written.subList(from, Math.min(from + 250, written.size())));
          }
        });
        late = nodes.start(options.get(1));
        writing.get();
      }

      // The index is what queries are answered from: it must hold every record the cache holds.
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        var local = late.cacheManager().<MessageKey, MessageRecord>getCache(ClusterStores.MESSAGES);
        assertThat(local.size()).isEqualTo(written.size());
        assertThat(late.messages().size()).isEqualTo(written.size());
      });
    }
  }

  private static boolean isEven(MessageRecord r) {
    return r.executingBlockNumber() % 2 == 0;
  }

  /** {@code r} judged at hybrid clock {@code hlc} by {@code writer}. */
  static MessageRecord judged(MessageRecord r, Status status, Reason reason, String writer, long hlc) {
    return r.withStatus(status, reason, T0.plusSeconds(hlc), new Stamp(hlc, writer));
  }

  /** The {@code n}th pending message of chain 901, found by {@code writer}. */
  static MessageRecord record(int n, String writer) {
    var key = new MessageKey(901, "0x%064x".formatted(n), n % 3);
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(n), BigInteger.ONE,
        BigInteger.valueOf(1_000 + n), BigInteger.valueOf(902));
    return new MessageRecord(key, n, "0x" + "f".repeat(64), 2_000 + n, "0x" + "c".repeat(64), identifier,
        Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(1, writer));
  }

  private static MessageRecord record(int n) {
    return record(n, "node-a");
  }
}
