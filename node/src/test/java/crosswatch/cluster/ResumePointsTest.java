package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.Identifier;
import crosswatch.store.Checkpoint;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.SafePoint;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safe points from a replica's resume files: what it records while running, and what a new process reading the
 * same files (as after a restart of the whole cluster) knows. Which replica's point a chain resumes from is
 * {@link ColdStartsTest}'s subject.
 */
class ResumePointsTest {
  private static final String HASH = "0x" + "a".repeat(64);

  @TempDir
  Path dataDir;

  private static MessageRecord messageAt(long chainId, long blockNumber) {
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.ONE, BigInteger.ZERO, BigInteger.TEN,
        BigInteger.valueOf(902));
    Instant seen = Instant.parse("2026-01-01T00:00:00Z");
    return new MessageRecord(new MessageKey(chainId, HASH, blockNumber), blockNumber, HASH, 100,
        "0x" + "c".repeat(64), identifier, Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, seen)),
        seen, seen, new Stamp(1, "node-a"));
  }

  /** Runs a one-member cluster whose resume points follow its caches while {@code work} writes. */
  private void running(Consumer<ClusterStores> work, Runnable settled) {
    try (var node = ClusterStores.start(TestNodes.single(dataDir.resolve("cluster"), "node-a"),
        new SimpleMeterRegistry())) {
      new ResumePoints(dataDir).follow(node, List.of(901L));
      work.accept(node);
      await().untilAsserted(settled::run);
    }
  }

  @Test
  void nothingIsKnownOfAChainNeverSeen() {
    assertThat(new ResumePoints(dataDir).safePoint(901)).isEmpty();
    assertThat(new ResumePoints(dataDir).safePoints(List.of(901L, 902L))).isEmpty();
  }

  @Test
  void withoutMessagesScanningResumesAfterTheLastCheckpointSeen() {
    running(node -> node.checkpoints().put(new Checkpoint(901, 40, HASH)),
        () -> assertThat(new ResumePoints(dataDir).safePoint(901)).isEqualTo(OptionalLong.of(41)));
  }

  @Test
  void scanningResumesAtTheFirstMessagesBlockSoThatLostRecordsAreFoundAgain() {
    running(node -> {
      node.messages().merge(messageAt(901, 12));
      node.messages().merge(messageAt(901, 30));
      node.checkpoints().put(new Checkpoint(901, 40, HASH));
    }, () -> assertThat(new ResumePoints(dataDir).safePoint(901)).isEqualTo(OptionalLong.of(12)));
  }

  @Test
  void recordsAlreadyStoredWhenFollowingStartsCountToo() {
    try (var node = ClusterStores.start(TestNodes.single(dataDir.resolve("cluster"), "node-a"),
        new SimpleMeterRegistry())) {
      node.messages().merge(messageAt(901, 7));
      new ResumePoints(dataDir).follow(node, List.of(901L));
    }

    assertThat(new ResumePoints(dataDir).safePoint(901)).isEqualTo(OptionalLong.of(7));
  }

  @Test
  void publishesAPointForEveryChainItKnowsOfOnly() {
    new FileCheckpointStore(dataDir).put(new Checkpoint(901, 40, HASH));

    assertThat(new ResumePoints(dataDir).safePoints(List.of(901L, 902L))).containsExactly(new SafePoint(901, 41));
  }
}
