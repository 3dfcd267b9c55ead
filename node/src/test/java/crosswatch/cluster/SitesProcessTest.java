package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.DevnetChain;
import crosswatch.ops.AlertCheck;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Two sites of two replica processes each over two anvil chains (901, 902), every byte between the sites through a
 * proxy the test can cut; site b reads chain 902 through an endpoint that can hide initiating logs. Started once for
 * the class (starting four JVMs costs most of the time on two cores); the cases run in order and build on each
 * other's state: agreement, a lying endpoint, a cut bridge, then a whole site killed and restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class SitesProcessTest {
  private static final Logger log = LoggerFactory.getLogger(SitesProcessTest.class);
  private static final Map<String, String> BOTH_VALID = Map.of("a", "valid", "b", "valid");
  private static final Duration CUT = Duration.ofSeconds(30);

  private SiteDeployment sites;
  private CrossMessages messages;
  private DevnetChain chain901;
  /** Every message emitted so far that both sites judge valid. */
  private final List<MessageKey> agreed = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path root) {
    sites = SiteDeployment.start(root, 2, 902, List.of(), 901, 902);
    messages = new CrossMessages(sites.devnet().chains());
    chain901 = sites.devnet().chains().getFirst();
    sites.awaitBridged();
  }

  @AfterAll
  void stop() {
    if (sites != null) {
      sites.close();
    }
  }

  @Test
  @Order(1)
  void bothSitesJudgeEveryMessageIdenticallyAndEveryReplicaOfBothServesIt() {
    List<MessageKey> keys = messages.rounds(2);
    agreed.addAll(keys);

    Map<String, JsonNode> served = sites.awaitServed(keys, BOTH_VALID, "agree");

    served.values().forEach(m -> assertThat(m.get("status").asString()).isEqualTo("valid"));
    for (NodeProcess node : sites.all()) {
      JsonNode cluster = node.get("/api/v1/cluster").orElseThrow();
      String own = node.name().substring(0, 1);
      assertThat(cluster.get("site").asString()).isEqualTo(own);
      for (JsonNode site : cluster.get("sites")) {
        assertThat(site.get("online").asBoolean()).as("%s sees %s", node.name(), site.get("name")).isTrue();
        assertThat(site.get("relayNodes")).as("relay nodes of %s", site.get("name")).hasSize(1);
        if (!site.get("name").asString().equals(own)) {
          assertThat(site.get("lastBackupReceivedAt").isNull()).isFalse();
          assertThat(site.get("backupLagSeconds").asDouble()).isLessThan(10);
        }
      }
    }
  }

  @Test
  @Order(2)
  void anEndpointThatHidesAnInitiatingLogFromOneSiteMakesItsVerdictDifferAndTheOtherStands() {
    sites.lying().hide(true);
    MessageKey key;
    try {
      key = messages.emit(chain901);
      sites.awaitServed(List.of(key), Map.of("a", "valid", "b", "invalid"), "disagree");
    } finally {
      sites.lying().hide(false);
    }

    JsonNode m = sites.all().getFirst().get("/api/v1/messages/" + key).orElseThrow();
    assertThat(m.get("status").asString()).as("an invalid verdict is never hidden").isEqualTo("invalid");
    assertThat(m.get("sites").get("b").get("reason").asString()).isEqualTo("log-missing");
    assertThat(m.get("sites").get("a").get("reason").isNull()).isTrue();
    var scrapes = new LinkedHashMap<String, String>();
    await().atMost(SiteDeployment.PATIENCE).untilAsserted(() -> {
      for (NodeProcess node : sites.all()) {
        String metrics = node.text("/metrics").orElseThrow();
        assertThat(metrics).as("metrics of %s", node.name()).contains(
            "crosswatch_site_disagreements{executing_chain_id=\"901\",initiating_chain_id=\"902\"} 1.0");
        scrapes.put(node.name(), metrics);
        JsonNode disputed = node.get("/api/v1/messages?agreement=disagree").orElseThrow().get("items");
        assertThat(disputed).as("disputed on %s", node.name()).hasSize(1);
        assertThat(disputed.get(0).get("id").asString()).isEqualTo(key.toString());
      }
    });
    String firing = AlertCheck.firing("CrosswatchSiteDisagreement", "crosswatch_site_disagreements", scrapes, 3);
    assertThat(firing).contains("alertname=\"CrosswatchSiteDisagreement\"", "executing_chain_id=\"901\"",
        "initiating_chain_id=\"902\"");
  }

  @Test
  @Order(3)
  void bothSitesKeepWatchingThroughACutBridgeAndEndWithTheMergeOfBothSides() {
    sites.bridge().cut();
    Instant cutAt = Instant.now();
    awaitOnline(false);
    List<MessageKey> during = new ArrayList<>();
    while (Duration.between(cutAt, Instant.now()).compareTo(CUT.minusSeconds(8)) < 0) {
      during.addAll(messages.round());
      sleep(Duration.ofSeconds(4));
    }
    Map<String, JsonNode> sideA = served(sites.site("a"), during, Map.of("a", "valid"));
    Map<String, JsonNode> sideB = served(sites.site("b"), during, Map.of("b", "valid"));
    sleep(CUT.minus(Duration.between(cutAt, Instant.now())));
    log.info("bridge cut for {} ms, {} messages written meanwhile",
        Duration.between(cutAt, Instant.now()).toMillis(), during.size());

    sites.bridge().heal();
    sites.awaitBridged();
    agreed.addAll(during);

    Map<String, JsonNode> merged = sites.awaitServed(during, BOTH_VALID, "agree");
    for (MessageKey key : during) {
      JsonNode m = merged.get(key.toString());
      JsonNode a = sideA.get(key.toString());
      JsonNode b = sideB.get(key.toString());
      assertThat(m.get("sites").get("a")).as("a's verdict on %s", key).isEqualTo(a.get("sites").get("a"));
      assertThat(m.get("sites").get("b")).as("b's verdict on %s", key).isEqualTo(b.get("sites").get("b"));
      Instant first = min(Instant.parse(a.get("firstSeenAt").asString()),
          Instant.parse(b.get("firstSeenAt").asString()));
      assertThat(Instant.parse(m.get("firstSeenAt").asString())).as("first seen of %s", key).isEqualTo(first);
    }
  }

  @Test
  @Order(4)
  void aSiteKilledWhileTrafficFlowsLosesNothingOnceRestartedAndEverySiteConverges() {
    var emitting = new AtomicBoolean(true);
    List<MessageKey> emitted = new CopyOnWriteArrayList<>();
    Thread traffic = Thread.ofVirtual().start(() -> {
      while (emitting.get()) {
        emitted.addAll(messages.round());
        sleep(Duration.ofMillis(1500));
      }
    });
    try {
      sleep(Duration.ofSeconds(3));
      sites.site("b").forEach(NodeProcess::kill);
      sleep(Duration.ofSeconds(10));
      sites.site("b").forEach(NodeProcess::launch);
      sites.site("b").forEach(NodeProcess::awaitHealthy);
      sites.awaitBridged();
      sleep(Duration.ofSeconds(3));
    } finally {
      emitting.set(false);
      join(traffic);
    }
    log.info("messages emitted while site b was killed and restarted: {}", emitted.size());
    agreed.addAll(emitted);

    sites.awaitServed(agreed, BOTH_VALID, "agree");
  }

  private void awaitOnline(boolean online) {
    await().atMost(SiteDeployment.PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> sites.all().stream()
        .allMatch(n -> n.get("/api/v1/cluster").map(c -> {
          for (JsonNode site : c.get("sites")) {
            if (!site.get("name").asString().equals(c.get("site").asString())
                && site.get("online").asBoolean() != online) {
              return false;
            }
          }
          return true;
        }).orElse(false)));
  }

  /** What the replicas of one side serve once they all serve every message alike with {@code verdicts}. */
  private static Map<String, JsonNode> served(List<NodeProcess> side, List<MessageKey> keys,
                                              Map<String, String> verdicts) {
    await().atMost(SiteDeployment.PATIENCE).pollInterval(Duration.ofMillis(500))
        .until(() -> SiteDeployment.servedAlike(side, keys, verdicts, "single-site"));
    return Replicas.messages(side.getFirst(), keys);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void sleep(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
