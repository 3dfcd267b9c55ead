package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Three replica processes over three anvil chains; the owner of a chain hangs ({@code kill -STOP}: its sockets stay
 * open, so only missing heartbeats give it away, as in a long GC pause). The others must drop it from the view
 * within about ten seconds, take its chains and lose no message; when it wakes it rejoins and serves the same
 * records.
 */
@Tag("integration")
class HungReplicaTest {
  private static final Logger log = LoggerFactory.getLogger(HungReplicaTest.class);
  /** FD_ALL3 suspects after 6 s without heartbeats and VERIFY_SUSPECT2 confirms within 1 s; the rest is slack. */
  private static final Duration DETECTION_LIMIT = Duration.ofSeconds(12);

  /** Closing kills every replica, a suspended one too. */
  @AutoClose
  private Replicas replicas;

  @Test
  void aHungOwnerLeavesTheViewWithinSecondsItsChainsMoveAndItRejoinsWhenItWakes(@TempDir Path root) {
    replicas = Replicas.startedOnDevnet(root, 3, 901, 902, 903);
    var messages = new CrossMessages(replicas.devnet().chains());
    String ownerName = Replicas.owner(replicas.awaitView(), 901);
    List<MessageKey> all = new ArrayList<>(messages.round());
    replicas.awaitAllServe(all, "valid");
    NodeProcess hung = replicas.named(ownerName);
    List<NodeProcess> others = replicas.all().stream().filter(n -> n != hung).toList();

    long stoppedAt = System.nanoTime();
    hung.suspend();

    await().atMost(DETECTION_LIMIT.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> others.stream().allMatch(n -> Replicas.cluster(n)
            .map(c -> !Replicas.members(c).contains(ownerName)).orElse(false)));
    Duration detected = Duration.ofNanos(System.nanoTime() - stoppedAt);
    MessageKey during = messages.emit(replicas.devnet().chain(901));
    await().atMost(Replicas.PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> others.getFirst().get("/api/v1/messages/" + during).isPresent());
    Duration scannedAgain = Duration.ofNanos(System.nanoTime() - stoppedAt);
    log.info("hung owner measured suspended={} chainId=901 leftViewAfterMs={} scannedAgainAfterMs={}", ownerName,
        detected.toMillis(), scannedAgain.toMillis());
    assertThat(detected).isLessThan(DETECTION_LIMIT);
    JsonNode view = Replicas.cluster(others.getFirst()).orElseThrow();
    view.get("owners").properties().forEach(e -> assertThat(e.getValue().get(0).asString()).isNotEqualTo(ownerName));
    all.add(during);
    all.addAll(messages.round());
    Replicas.awaitServe(others, all, "valid");

    hung.resume();

    assertThat(Replicas.members(replicas.awaitView())).hasSize(3);
    long rejoined = System.nanoTime();
    all.addAll(messages.round());
    // A message found as the partition heals can reach the replica that judges it only through another replica's
    // conflict resolution, which fires no event (a full-suite run, 2026-12-03: it stayed pending everywhere). The
    // second read after reconciling usually takes it within seconds; the judges' sweep (60 s), which indexes what
    // came without an event, bounds it.
    replicas.awaitAllServe(all, "valid", Duration.ofSeconds(90));
    log.info("hung owner rejoined measured convergedAfterMs={}", Duration.ofNanos(System.nanoTime() - rejoined)
        .toMillis());
  }
}
