package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.metrics.Meters;
import crosswatch.store.Checkpoint;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStoresTest {
  @TempDir
  Path dataDir;

  @Test
  void aNodeWithoutClusterFlagsIsAOneMemberClusterOnLoopback() {
    try (var node = ClusterStores.start(TestNodes.single(dataDir, "node-a"), new SimpleMeterRegistry())) {
      assertThat(node.cacheManager().getMembers()).hasSize(1);
      assertThat(node.cacheManager().getCacheNames())
          .contains(ClusterStores.MESSAGES, ClusterStores.CHECKPOINTS, ClusterStores.HEADS);
    }
  }

  @Test
  void reportsCacheStatisticsAndMergeCountersThroughTheNodesRegistry() {
    MeterRegistry registry = new SimpleMeterRegistry();
    try (var node = ClusterStores.start(TestNodes.single(dataDir, "node-a"), registry)) {
      node.checkpoints().put(new Checkpoint(901, 1, "0x" + "a".repeat(64)));

      assertThat(registry.getMeters()).map(Meter::getId)
          .anyMatch(id -> id.getName().startsWith("infinispan") && ClusterStores.MESSAGES.equals(id.getTag("cache")));
      assertThat(registry.find(Meters.MERGES).counter()).isNotNull();
      assertThat(registry.find(Meters.CONFLICTS_RESOLVED).tag(Meters.OUTCOME, Meters.MERGED).counter()).isNotNull();
    }
  }

  @Test
  void checkpointsSurviveARestartOfASingleMember() {
    ClusterOptions options = TestNodes.single(dataDir, "node-a");
    var checkpoint = new Checkpoint(901, 77, "0x" + "a".repeat(64));
    try (var node = ClusterStores.start(options, new SimpleMeterRegistry())) {
      node.checkpoints().put(checkpoint);
    }

    try (var node = ClusterStores.start(options, new SimpleMeterRegistry())) {
      assertThat(node.checkpoints().get(901)).contains(checkpoint);
      assertThat(node.checkpoints().get(902)).isEmpty();
    }
  }
}
