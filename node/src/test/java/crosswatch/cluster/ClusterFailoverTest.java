package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Three replicas as separate processes on loopback over three anvil chains, started at the same moment once for
 * the class (a start costs most of the time on two cores): first how they form, then losing an owner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class ClusterFailoverTest {
  private static final Logger log = LoggerFactory.getLogger(ClusterFailoverTest.class);

  private Replicas replicas;

  @BeforeAll
  void startTogether(@TempDir Path root) {
    replicas = Replicas.startedOnDevnet(root, 3, 901, 902, 903);
  }

  @AfterAll
  void stop() {
    replicas.close();
  }

  @Test
  @Order(1)
  void threeReplicasStartedAtTheSameMomentFormOneClusterAndAgreeOnOwners() {
    JsonNode first = replicas.awaitView();

    assertThat(Replicas.members(first)).containsExactly("replica-a", "replica-b", "replica-c");
    for (NodeProcess node : replicas.all()) {
      JsonNode view = Replicas.cluster(node).orElseThrow();
      assertThat(view.get("node").asString()).isEqualTo(node.name());
      assertThat(view.get("coordinator")).isEqualTo(first.get("coordinator"));
      assertThat(view.get("viewId")).isEqualTo(first.get("viewId"));
      assertThat(view.get("owners")).isEqualTo(first.get("owners"));
      assertThat(view.get("degraded").asBoolean()).isFalse();
    }
    var expected = Ownership.SINGLE.owners(List.of(901L, 902L, 903L), Replicas.members(first));
    expected.forEach((chainId, owners) -> assertThat(first.get("owners").get(Long.toString(chainId)).get(0).asString())
        .isEqualTo(owners.getFirst()));
    // Messages executed on 901 point into 902: found by one replica, judged by another.
    assertThat(expected.get(901L)).isNotEqualTo(expected.get(902L));
  }

  @Test
  @Order(2)
  void everyReplicaIsReadyAndShowsEveryChainWithItsOwnersThoughItScansOnlyItsOwn() {
    JsonNode view = replicas.awaitView();
    for (NodeProcess node : replicas.all()) {
      // A replica that showed the chains it does not scan as disconnected would never be ready: with one chain
      // each, no replica would take client traffic.
      await().atMost(Replicas.PATIENCE).until(() -> node.get("/readyz").isPresent());
      JsonNode chains = node.get("/api/v1/chains").orElseThrow();
      for (JsonNode chain : chains.get("chains")) {
        String chainId = chain.get("chainId").asString();
        assertThat(chain.get("connected").asBoolean()).as("chain %s on %s", chainId, node.name()).isTrue();
        assertThat(chain.get("owners")).as("owners of %s on %s", chainId, node.name())
            .isEqualTo(view.get("owners").get(chainId));
      }
    }
  }

  @Test
  @Order(3)
  void killingTheOwnerOfAChainLosesNoMessageEmittedBeforeDuringOrAfter() {
    var messages = new CrossMessages(replicas.devnet().chains());
    String victimName = Replicas.owner(replicas.awaitView(), 901);
    NodeProcess victim = replicas.named(victimName);
    List<MessageKey> all = new ArrayList<>(messages.rounds(2));
    replicas.awaitAllServe(all, "valid");

    long killedAt = System.nanoTime();
    victim.kill();
    MessageKey during = messages.emit(replicas.devnet().chain(901));
    NodeProcess survivor = replicas.running().getFirst();
    await().atMost(Replicas.PATIENCE).pollInterval(Duration.ofMillis(50))
        .until(() -> survivor.get("/api/v1/messages/" + during).isPresent());
    Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
    log.info("takeover measured killed={} chainId=901 scannedAgainAfterMs={}", victimName, takeover.toMillis());
    all.add(during);
    all.addAll(messages.rounds(2));

    replicas.awaitAllServe(all, "valid");
    JsonNode view = replicas.awaitView();
    assertThat(Replicas.members(view)).hasSize(2).doesNotContain(victimName);
    view.get("owners").properties().forEach(e -> assertThat(e.getValue().get(0).asString()).isNotEqualTo(victimName));
    for (MessageKey key : all) {
      JsonNode record = survivor.get("/api/v1/messages/" + key).orElseThrow();
      record.get("history").forEach(h -> assertThat(h.get("status").asString()).isIn("pending", "valid"));
    }
    assertThat(takeover).isLessThan(Duration.ofSeconds(10));
  }
}
