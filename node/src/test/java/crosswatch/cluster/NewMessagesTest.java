package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.Identifier;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a replica hears of the records another one writes, with two members in this JVM: new records, and records
 * made pending again, whichever member is the key's primary owner; nothing of other updates.
 */
class NewMessagesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  private final List<MessageRecord> heardByWriter = new CopyOnWriteArrayList<>();
  private final List<MessageRecord> heardByOther = new CopyOnWriteArrayList<>();
  private ClusterStores writer;
  private ClusterStores other;

  @BeforeEach
  void start() {
    List<ClusterStores> pair = nodes.startTogether(TestNodes.cluster(root, List.of("node-a", "node-b")));
    writer = pair.get(0);
    other = pair.get(1);
    writer.cacheManager().getCache(ClusterStores.MESSAGES).addListener(new NewMessages(heardByWriter::addAll));
    other.cacheManager().getCache(ClusterStores.MESSAGES).addListener(new NewMessages(heardByOther::addAll));
  }

  @Test
  void anotherReplicaHearsOfNewRecordsAndOfRecordsMadePendingButNotOfOtherUpdates() {
    // Enough keys that each member is the primary owner of some.
    List<MessageRecord> found = IntStream.range(0, 16).mapToObj(NewMessagesTest::record).toList();
    writer.messages().mergeAll(found);
    await().atMost(Duration.ofSeconds(5)).until(() -> heardByOther.size() == found.size());
    List<MessageRecord> valid = found.stream().map(r -> at(r, Status.VALID, 2)).toList();
    writer.messages().mergeAll(valid);
    List<MessageRecord> reorged = valid.stream().map(r -> at(r, Status.REORGED, 3)).toList();
    writer.messages().mergeAll(reorged);
    List<MessageRecord> back = reorged.stream().map(r -> at(r, Status.PENDING, 4)).toList();

    writer.messages().mergeAll(back);
    List<MessageRecord> judgedAgain = back.stream().map(r -> at(r, Status.VALID, 5)).toList();
    writer.messages().mergeAll(judgedAgain);
    await().atMost(Duration.ofSeconds(5)).until(() -> heardByOther.size() == 2 * found.size());
    // A replica that fell behind finds them anew: its newer discovery wins the merge over the verdict.
    List<MessageRecord> foundAnew = judgedAgain.stream().map(r -> at(r, Status.PENDING, 6)).toList();
    writer.messages().mergeAll(foundAnew);

    await().atMost(Duration.ofSeconds(5)).until(() -> heardByOther.size() == 3 * found.size());
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> heardByOther.size() == 3 * found.size());
    assertThat(heardByOther.subList(found.size(), 2 * found.size())).containsExactlyInAnyOrderElementsOf(back);
    assertThat(heardByOther.subList(2 * found.size(), heardByOther.size()))
        .containsExactlyInAnyOrderElementsOf(foundAnew);
    // The writer hears its own writes to keys another member is the primary owner of, but no other update.
    assertThat(heardByWriter).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.PENDING))
        .hasSizeLessThan(3 * found.size());
  }

  @Test
  void aRecordMadePendingCountsWhateverItWasBefore() {
    MessageRecord pending = record(1);
    MessageRecord valid = at(pending, Status.VALID, 2);
    MessageRecord reorged = at(valid, Status.REORGED, 3);

    assertThat(NewMessages.becamePending(reorged, at(reorged, Status.PENDING, 4))).isTrue();
    // A replica that fell behind found it anew, and its newer discovery won the merge over the verdict.
    assertThat(NewMessages.becamePending(valid, at(valid, Status.PENDING, 4))).isTrue();
    assertThat(NewMessages.becamePending(reorged, at(reorged, Status.VALID, 4))).isFalse();
    assertThat(NewMessages.becamePending(pending, pending.withStatus(Status.PENDING, null, T0.plusSeconds(4),
        new Stamp(4, "node-a")))).isFalse();
    assertThat(NewMessages.becamePending(null, pending)).isFalse();
  }

  private static MessageRecord at(MessageRecord r, Status status, long hlc) {
    return r.withStatus(status, null, T0.plusSeconds(hlc), new Stamp(hlc, "node-a"));
  }

  private static MessageRecord record(int n) {
    var key = new MessageKey(902, "0x%064x".formatted(n), 0);
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(n), BigInteger.ONE,
        BigInteger.valueOf(1_000 + n), BigInteger.valueOf(901));
    return new MessageRecord(key, n, "0x" + "f".repeat(64), 2_000 + n, "0x" + "c".repeat(64), identifier,
        Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(1, "node-a"));
  }
}
