package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.Identifier;
import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointStore;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
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
 * Safe points from a replica's resume files: what it records while running, and what a restart after the
 * cluster's shared state was lost (a fresh, empty checkpoint store here) resumes from.
 */
class ResumePointsTest {
  private static final String HASH = "0x" + "a".repeat(64);

  @TempDir
  Path dataDir;

  /** The shared checkpoints of a cluster that lost its state: an empty store. */
  private CheckpointStore lost() {
    return new FileCheckpointStore(dataDir.resolve("lost"));
  }

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
      new ResumePoints(dataDir, node.checkpoints()).follow(node.cacheManager(), node.messages(), List.of(901L));
      work.accept(node);
      await().untilAsserted(settled::run);
    }
  }

  @Test
  void nothingKnownOfAChainLeavesItToItsConfiguredStart() {
    assertThat(new ResumePoints(dataDir, lost()).coldStart(901)).isEmpty();
  }

  @Test
  void aChainTheClusterHoldsACheckpointForResumesFromThatCheckpoint() {
    CheckpointStore shared = lost();
    shared.put(new Checkpoint(901, 40, HASH));

    assertThat(new ResumePoints(dataDir, shared).coldStart(901)).isEmpty();
  }

  @Test
  void withoutMessagesScanningResumesAfterTheLastCheckpointSeen() {
    running(node -> node.checkpoints().put(new Checkpoint(901, 40, HASH)),
        () -> assertThat(new ResumePoints(dataDir, lost()).coldStart(901)).isEqualTo(OptionalLong.of(41)));
  }

  @Test
  void scanningResumesAtTheFirstMessagesBlockSoThatLostRecordsAreFoundAgain() {
    running(node -> {
      node.messages().merge(messageAt(901, 12));
      node.messages().merge(messageAt(901, 30));
      node.checkpoints().put(new Checkpoint(901, 40, HASH));
    }, () -> assertThat(new ResumePoints(dataDir, lost()).coldStart(901)).isEqualTo(OptionalLong.of(12)));
  }

  @Test
  void recordsAlreadyStoredWhenFollowingStartsCountToo() {
    try (var node = ClusterStores.start(TestNodes.single(dataDir.resolve("cluster"), "node-a"),
        new SimpleMeterRegistry())) {
      node.messages().merge(messageAt(901, 7));
      new ResumePoints(dataDir, node.checkpoints()).follow(node.cacheManager(), node.messages(), List.of(901L));
    }

    assertThat(new ResumePoints(dataDir, lost()).coldStart(901)).isEqualTo(OptionalLong.of(7));
  }
}
