package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.Checkpoint;
import crosswatch.store.FileCheckpointStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members of one cluster in this JVM, started as after every replica was killed: their stores purged, their
 * resume files (written here before they start) holding different points. The owner of a chain resumes it from
 * the lowest point any of them knows, not from its own.
 */
class ColdStartsTest {
  private static final String HASH = "0x" + "a".repeat(64);
  private static final List<Long> CHAINS = List.of(901L, 902L);
  private static final Duration PATIENT = Duration.ofMinutes(1);

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  /** Where a member's resume files live: outside its purged store, as in a node's data directory. */
  private Path files(String name) {
    return root.resolve("resume-" + name);
  }

  /** The member's files say it last saw {@code checkpoint} of chain 901. */
  private void lastSaw(String name, long checkpoint) {
    new FileCheckpointStore(files(name)).put(new Checkpoint(901, checkpoint, HASH));
  }

  /** The member's files say the lowest block holding a message of chain 901 it saw is {@code block}. */
  private void firstMessageAt(String name, long block) {
    new FileCheckpointStore(files(name).resolve(ResumePoints.FIRST_MESSAGES)).put(new Checkpoint(901, block, HASH));
  }

  /** Starts the members together, each following its files; none has published yet. */
  private List<ColdStarts> started(List<String> names, Duration patience) {
    List<ClusterStores> members = nodes.startTogether(TestNodes.cluster(root, names));
    return IntStream.range(0, names.size()).mapToObj(i -> {
      var local = new ResumePoints(files(names.get(i)));
      local.follow(members.get(i), CHAINS);
      return new ColdStarts(members.get(i), local, patience);
    }).toList();
  }

  private static int ownerOf(long chainId, List<String> names) {
    return names.indexOf(Ownership.SINGLE.owners(List.of(chainId), names).get(chainId).getFirst());
  }

  @Test
  void theOwnerResumesFromTheLowestSafePointOfAnyMemberEvenWhenItsOwnIsTheHighest() {
    List<String> names = List.of("node-a", "node-b", "node-c");
    int owner = ownerOf(901, names);
    List<String> others = names.stream().filter(n -> !n.equals(names.get(owner))).toList();
    lastSaw(names.get(owner), 150);
    lastSaw(others.get(0), 130);
    firstMessageAt(others.get(1), 120);
    lastSaw(others.get(1), 125);

    List<ColdStarts> members = started(names, PATIENT);
    members.forEach(m -> m.publish(CHAINS));

    // What the owner alone knows (the old decision) would skip blocks 120 to 150.
    assertThat(new ResumePoints(files(names.get(owner))).safePoint(901)).isEqualTo(OptionalLong.of(151));
    assertThat(members.get(owner).coldStart(901)).isEqualTo(OptionalLong.of(120));
    assertThat(members.get(owner).coldStart(902)).isEmpty();
  }

  @Test
  void theOwnerWaitsForAMemberOfTheViewThatHasNotPublishedYet() throws Exception {
    List<String> names = List.of("node-a", "node-b");
    int owner = ownerOf(901, names);
    int other = 1 - owner;
    lastSaw(names.get(owner), 150);
    lastSaw(names.get(other), 99);
    List<ColdStarts> members = started(names, PATIENT);
    members.get(owner).publish(CHAINS);

    try (var deciding = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<OptionalLong> decision =
          CompletableFuture.supplyAsync(() -> members.get(owner).coldStart(901), deciding);
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !decision.isDone());

      members.get(other).publish(CHAINS);

      assertThat(decision.get(10, TimeUnit.SECONDS)).isEqualTo(OptionalLong.of(100));
    }
  }

  @Test
  void aMemberThatDoesNotPublishInTimeIsDoneWithoutAndNotWaitedForAgain() {
    List<String> names = List.of("node-a", "node-b");
    int owner = ownerOf(901, names);
    lastSaw(names.get(owner), 150);
    Duration patience = Duration.ofSeconds(2);
    List<ColdStarts> members = started(names, patience);
    members.get(owner).publish(CHAINS);

    long began = System.nanoTime();
    assertThat(members.get(owner).coldStart(901)).isEqualTo(OptionalLong.of(151));
    long first = System.nanoTime() - began;
    began = System.nanoTime();
    assertThat(members.get(owner).coldStart(902)).isEmpty();
    long second = System.nanoTime() - began;

    assertThat(Duration.ofNanos(first)).isGreaterThanOrEqualTo(patience);
    assertThat(Duration.ofNanos(second)).isLessThan(patience);
  }

  @Test
  void whileTheClusterHoldsACheckpointTheChainResumesFromItWithoutWaitingForAnyone() {
    List<String> names = List.of("node-a", "node-b");
    int owner = ownerOf(901, names);
    lastSaw(names.get(owner), 150);
    List<ColdStarts> members = started(names, PATIENT);
    nodes.get(owner).checkpoints().put(new Checkpoint(901, 40, HASH));

    long began = System.nanoTime();
    assertThat(members.get(owner).coldStart(901)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(PATIENT);
  }
}
