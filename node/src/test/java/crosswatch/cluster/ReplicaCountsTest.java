package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageKey;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counts behind the summary and the message gauges are the same on every replica: each follows the writes its
 * own copy applies (its own and its peer's, racing), and ends equal to a fresh count of the records.
 */
class ReplicaCountsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  @Test
  void twoReplicasFollowingConflictingConcurrentWritesEndWithEqualCounts() {
    List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
    try (var countsA = new MessageCounts(pair.get(0).messages());
         var countsB = new MessageCounts(pair.get(1).messages())) {
      List<MessageRecord> base = IntStream.range(0, 200).mapToObj(ReplicaCountsTest::record).toList();
      pair.get(0).messages().mergeAll(base);
      try (var writers = Executors.newVirtualThreadPerTaskExecutor()) {
        writers.submit(() -> base.forEach(r -> pair.get(0).messages()
            .merge(r.withStatus(Status.VALID, null, T0.plusSeconds(10), new Stamp(10, "node-a")))));
        writers.submit(() -> pair.get(1).messages().mergeAll(base.stream()
            .map(r -> r.withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, T0.plusSeconds(5),
                new Stamp(r.executingBlockNumber() % 2 == 0 ? 5 : 15, "node-b"))).toList()));
      }

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        try (var fresh = new MessageCounts(pair.get(1).messages())) {
          assertThat(countsA.nonZero()).isEqualTo(fresh.nonZero());
          assertThat(countsB.nonZero()).isEqualTo(fresh.nonZero());
          assertThat(countsA.flips()).isEqualTo(countsB.flips());
        }
      });
      assertThat(countsB.nonZero().values()).containsExactly(100L, 100L);
    }
  }

  private static MessageRecord record(int n) {
    var key = new MessageKey(901, "0x%064x".formatted(n), 0);
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(n), BigInteger.ONE,
        BigInteger.valueOf(1_000 + n), BigInteger.valueOf(902));
    return new MessageRecord(key, n, "0x" + "f".repeat(64), 2_000 + n, "0x" + "c".repeat(64), identifier,
        Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(1, "node-a"));
  }
}
