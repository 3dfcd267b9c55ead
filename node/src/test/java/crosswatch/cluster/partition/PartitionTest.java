package crosswatch.cluster.partition;

import static crosswatch.cluster.partition.SplitWrites.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.Membership;
import crosswatch.cluster.RunningNodes;
import crosswatch.cluster.TestNodes;
import crosswatch.metrics.Meters;
import crosswatch.store.Checkpoint;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in this JVM split into {node-a, node-b} and {node-c}; both sides keep writing conflicting
 * verdicts for the same messages (ALLOW_READ_WRITES) and moving the same checkpoint differently, and after
 * healing every member holds, for every key, the merge of both sides' versions, its query index agrees, the
 * lower checkpoint survives, and the merge and conflict counters moved.
 */
class PartitionTest {
  private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  /** No failure detection nor MERGE3: the test installs the split views and the merge view itself. */
  @Nested
  class Deterministic {
    @Test
    void healedMembersHoldTheMergeOfBothSidesForEveryKey() throws Exception {
      String stack = QuietStack.writeTo(root).toString();
      List<ClusterStores> members = nodes.startTogether(
          TestNodes.cluster(root, NAMES).stream().map(o -> o.withStack(stack)).toList());
      List<List<ClusterStores>> sides = List.of(members.subList(0, 2), members.subList(2, 3));

      splitWriteAndHeal(members, Duration.ofSeconds(30), () -> {
        Partitions.cut(sides);
        Partitions.installSplitViews(sides);
      }, () -> {
        Partitions.reconnect(members);
        Partitions.installMergeView(sides);
      });
    }
  }

  /** The bundled tcp stack: FD_ALL3 notices the cut, MERGE3 the healing (about 8 s each way). */
  @Nested
  class Realistic {
    @Test
    void failureDetectionSplitsAndMerge3HealsToTheMergeOfBothSides() {
      List<ClusterStores> members = nodes.startTogether(TestNodes.cluster(root, NAMES));
      List<List<ClusterStores>> sides = List.of(members.subList(0, 2), members.subList(2, 3));

      splitWriteAndHeal(members, Duration.ofSeconds(60), () -> Partitions.cut(sides),
          () -> Partitions.reconnect(members));
    }
  }

  private void splitWriteAndHeal(List<ClusterStores> members, Duration patience, Runnable split, Runnable heal) {
    ClusterStores a = members.get(0);
    ClusterStores b = members.get(1);
    ClusterStores c = members.get(2);
    List<Membership> views = IntStream.range(0, 3).mapToObj(i -> new Membership(members.get(i).cacheManager(), 3,
        List.of(ClusterStores.MESSAGES, ClusterStores.CHECKPOINTS), () -> { }, nodes.registry(i))).toList();
    a.messages().mergeAll(SplitWrites.beforeSplit());
    a.checkpoints().put(checkpoint(901, 100, '1'));
    members.forEach(m -> assertThat(m.messages().size()).isEqualTo(60));

    split.run();
    await().atMost(patience).until(() -> Partitions.settled(a, 2) && Partitions.settled(b, 2)
        && Partitions.settled(c, 1));
    members.forEach(m -> assertThat(m.cacheManager().getCache(ClusterStores.MESSAGES).getAdvancedCache()
        .getAvailability()).isEqualTo(AvailabilityMode.AVAILABLE));
    await().atMost(patience).untilAsserted(() -> {
      assertThat(views.get(2).view().degraded()).as("the minority side is degraded").isTrue();
      assertThat(views.get(0).view().degraded()).as("the majority side is not").isFalse();
    });

    SplitWrites.writeOnMajority(b.messages(), "node-b");
    SplitWrites.writeOnMinority(c.messages(), "node-c");
    b.checkpoints().put(checkpoint(901, 150, '2'));
    c.checkpoints().put(checkpoint(901, 120, '3'));
    c.checkpoints().put(checkpoint(902, 50, '4'));
    Map<MessageKey, MessageRecord> majority = snapshot(a.messages());
    Map<MessageKey, MessageRecord> minority = snapshot(c.messages());
    assertThat(snapshot(b.messages())).isEqualTo(majority);
    assertThat(majority).hasSize(70).containsKey(SplitWrites.key(100)).doesNotContainKey(SplitWrites.key(200));
    assertThat(minority).hasSize(70).containsKey(SplitWrites.key(200)).doesNotContainKey(SplitWrites.key(100));
    SplitWrites.CONFLICTING.forEach(n -> assertThat(majority.get(SplitWrites.key(n)).status())
        .isNotEqualTo(minority.get(SplitWrites.key(n)).status()));
    Map<MessageKey, MessageRecord> expected = SplitWrites.merged(majority, minority);
    long differing = SplitWrites.keys().stream()
        .filter(k -> !Objects.equals(majority.get(k), minority.get(k))).count();

    heal.run();

    await().atMost(patience).untilAsserted(() -> {
      for (ClusterStores m : members) {
        assertThat(Partitions.settled(m, 3)).as("settled").isTrue();
        assertThat(snapshot(m.messages())).isEqualTo(expected);
        assertThat(m.messages().size()).isEqualTo(expected.size());
        assertThat(m.messages().query(MessageQuery.all(1_000)).items())
            .containsExactlyInAnyOrderElementsOf(expected.values());
        assertThat(m.messages().pending())
            .containsExactlyInAnyOrderElementsOf(
                expected.values().stream().filter(r -> r.status() == Status.PENDING).toList());
        // Scanning resumes from the lower checkpoint, which no side can have skipped blocks before.
        assertThat(m.checkpoints().get(901)).contains(checkpoint(901, 120, '3'));
        assertThat(m.checkpoints().get(902)).contains(checkpoint(902, 50, '4'));
      }
      // A merge view is a view too: ownership and degraded mode follow it without waiting for another change.
      for (Membership v : views) {
        assertThat(v.view().members()).as("members seen by %s", v.view().node()).hasSize(3);
        assertThat(v.view().degraded()).as("%s degraded", v.view().node()).isFalse();
      }
    });
    views.forEach(Membership::close);
    // The merge decided by stamp: valid where the majority's stamp (10) beats the minority's (5), else invalid.
    SplitWrites.CONFLICTING.forEach(n -> assertThat(expected.get(SplitWrites.key(n)).status())
        .isEqualTo(n % 2 == 0 ? Status.VALID : Status.INVALID));
    assertThat(IntStream.range(0, 3).mapToDouble(i -> resolved(i, "merged")).sum())
        .isGreaterThanOrEqualTo(differing);
    assertThat(IntStream.range(0, 3).mapToDouble(i -> resolved(i, "kept-preferred")).sum()).isZero();
    IntStream.range(0, 3).forEach(i -> assertThat(nodes.registry(i).get(Meters.MERGES).counter().count())
        .as("merges seen by %s", NAMES.get(i)).isGreaterThanOrEqualTo(1));
  }

  private static Checkpoint checkpoint(long chainId, long block, char hashDigit) {
    return new Checkpoint(chainId, block, "0x" + String.valueOf(hashDigit).repeat(64));
  }

  private double resolved(int member, String outcome) {
    return nodes.registry(member).get(Meters.CONFLICTS_RESOLVED).tag(Meters.OUTCOME, outcome).counter()
        .count();
  }
}
