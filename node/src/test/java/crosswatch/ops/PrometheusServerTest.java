package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.app.Node;
import crosswatch.config.ConfigLoader;
import crosswatch.config.ConfigResult;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.FreePort;
import crosswatch.devnet.Prometheus;
import crosswatch.devnet.PrometheusSettings;
import crosswatch.devnet.Traffic;
import crosswatch.devnet.TrafficSettings;
import crosswatch.testkit.RequiredTool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus, started as the demo starts it, scraping a real node that judges traffic with invalid
 * messages on anvil chains, with k8s/monitoring/crosswatch-rules.yml loaded as it is (its invalid-message alerts
 * hold for 0m, so no shorter test copy is needed): the invalid-message alert fires, and every query of the
 * Grafana dashboard returns data from what the node really exports.
 */
@Tag("integration")
class PrometheusServerTest {
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Set<String> INVALID_MESSAGE_ALERTS = Set.of("CrosswatchInvalidMessageUnsafe",
      "CrosswatchInvalidMessageSafe", "CrosswatchInvalidMessageFinalized");
  /** One message in five invalid, a batch per chain every 0.7 s: invalid verdicts within seconds on every chain. */
  private static final TrafficSettings TRAFFIC = new TrafficSettings(Duration.ofMillis(700), 5, 30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static Path dataDir;
  private static Devnet devnet;
  private static Traffic traffic;
  private static Node node;
  private static Prometheus prometheus;

  @BeforeAll
  static void start() throws Exception {
    RequiredTool.require(Prometheus.binary().isPresent(), "prometheus (Debian package prometheus)");
    dataDir = Files.createTempDirectory("crosswatch-prometheus-test-");
    devnet = Devnet.start(Traffic.chainSpecs(901, 902, 903));
    traffic = Traffic.start(devnet.chains(), TRAFFIC);
    List<String> args = new ArrayList<>(List.of("--http-port", "0", "--data-dir", dataDir.toString(),
        "--node-name", "prometheus-test", "--bind-port", Integer.toString(FreePort.pickWithCompanion(50_000))));
    for (DevnetChain chain : devnet.chains()) {
      args.addAll(List.of("--rpc", chain.chainId() + "=" + chain.wsUrl(), "--start-block", chain.chainId() + "=0"));
    }
    node = new Node(((ConfigResult.Loaded) ConfigLoader.load(args, Map.of())).config());
    node.start();
    prometheus = Prometheus.start(new PrometheusSettings(List.of("127.0.0.1:" + node.httpPort()),
        Monitoring.DIR.resolve(Monitoring.RULES), Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.stop();
    }
    if (traffic != null) {
      traffic.stop();
    }
    if (node != null) {
      node.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  @Test
  void theInvalidMessageAlertFires() {
    await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      JsonNode alerts = api("alerts", "").path("data").path("alerts");
      assertThat(alerts.valueStream().filter(a -> a.path("state").asString().equals("firing"))
          .filter(a -> INVALID_MESSAGE_ALERTS.contains(a.path("labels").path("alertname").asString())))
          .as("firing invalid-message alerts among %s", alerts)
          .anyMatch(a -> a.path("labels").has("executing_chain_id") || a.path("labels").has("initiating_chain_id"));
    });
  }

  @Test
  void everyDashboardQueryReturnsDataFromTheNode() {
    List<String> queries = Dashboard.expressions().stream().map(Dashboard::withSampleValues).distinct().toList();
    Map<String, String> withoutData = new TreeMap<>();
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
        withoutData.clear();
        for (String query : queries) {
          JsonNode answer = api("query", "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
          if (!hasAFiniteSample(answer)) {
            withoutData.put(query, answer.toString());
          }
        }
        return withoutData.isEmpty();
      });
    } catch (ConditionTimeoutException e) {
      // Reported below with every query that never showed anything, not only the first.
    }
    assertThat(withoutData).as("dashboard queries with no data from a node judging traffic").isEmpty();
  }

  /** An instant vector or scalar with at least one value a panel can draw (not NaN). */
  private static boolean hasAFiniteSample(JsonNode answer) {
    JsonNode data = answer.path("data");
    if (data.path("resultType").asString().equals("scalar")) {
      return Double.isFinite(Double.parseDouble(data.path("result").get(1).asString()));
    }
    return data.path("result").valueStream()
        .anyMatch(series -> Double.isFinite(Double.parseDouble(series.path("value").get(1).asString())));
  }

  private static JsonNode api(String endpoint, String query) throws IOException, InterruptedException {
    URI uri = URI.create(prometheus.url() + "api/v1/" + endpoint + (query.isEmpty() ? "" : "?" + query));
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", uri, response.body()).isEqualTo(200);
    return Monitoring.JSON.readTree(response.body());
  }
}
