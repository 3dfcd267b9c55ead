package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.Broken;
import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.testkit.RequiredTool;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The status page in a real headless Chromium against a real node on real chains whose blocks span the last hour:
 * the messages-per-minute and detection-delay charts draw exactly the API's numbers, the matrix highlights the
 * chain pair with invalid messages, an invalid message emitted on chain appears in the live list without a reload,
 * and clicking it shows its record. Leaves a screenshot ({@link #SCREENSHOT}) with that record open.
 */
@Tag("integration")
class StatusPageBrowserTest {
  /**
   * Where the screenshot goes: target/ by default, so a test run never changes a tracked file;
   * {@code -Dcrosswatch.screenshot=../docs/status-page.png} refreshes the README's picture.
   */
  private static final Path SCREENSHOT = Path.of(System.getProperty("crosswatch.screenshot", "target/status-page.png"));
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The chains' history starts this long ago, so that the last hour's chart has bars across it. */
  private static final long HISTORY_SECONDS = 55 * 60;
  private static final int ROUNDS = 11;

  private static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  private static JsonNode api(DevnetNode node, String path) throws Exception {
    var response = node.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Valid messages executed on {@code executing}, with the access list a real transaction declares. */
  private static void execute(DevnetChain executing, List<ExecSpec> specs) {
    executing.emitExecuting(specs, specs.stream().flatMap(s -> s.accessListKeys().stream()).toList());
  }

  /**
   * Five minutes apart, from {@code start}: two messages from 901 executed on 902 (every third round one more, with
   * a payload that does not match) and one from 902 executed on 901; once, one naming a chain nobody runs.
   */
  private static void emitHistory(Devnet devnet, long start) {
    DevnetChain c901 = devnet.chain(901);
    DevnetChain c902 = devnet.chain(902);
    for (int round = 0; round < ROUNDS; round++) {
      long t = start + 60 + round * 300L;
      c901.setNextBlockTimestamp(t);
      InitiatingLog a = c901.emitInitiating(List.of(Hash.sha3String("a" + round)), "0x01");
      InitiatingLog b = c901.emitInitiating(List.of(Hash.sha3String("b" + round)), "0x02");
      c902.setNextBlockTimestamp(t + 5);
      InitiatingLog c = c902.emitInitiating(List.of(Hash.sha3String("c" + round)), "0x03");
      c902.setNextBlockTimestamp(t + 10);
      execute(c902, List.of(ExecSpec.of(a), ExecSpec.of(b)));
      if (round % 3 == 0) {
        c902.emitExecuting(List.of(Broken.PAYLOAD_MISMATCH.spec(a)));
      }
      if (round == ROUNDS / 2) {
        c902.emitExecuting(List.of(Broken.UNKNOWN_CHAIN.spec(b)));
      }
      c901.setNextBlockTimestamp(t + 20);
      execute(c901, List.of(ExecSpec.of(c)));
    }
    // 901's clock ended 10 s ahead of 902's: a live message from 901 to 902 must not look initiated after executing.
    c902.increaseTime(30);
  }

  /** Bucket start to status to count: every non-zero count of a /api/v1/series answer. */
  private static Map<String, Map<String, Long>> nonZero(JsonNode series) {
    var counts = new TreeMap<String, Map<String, Long>>();
    series.get("buckets").forEach(b -> b.get("counts").properties().forEach(c -> {
      if (c.getValue().asLong() > 0) {
        counts.computeIfAbsent(b.get("start").asString(), s -> new TreeMap<>()).put(c.getKey(), c.getValue().asLong());
      }
    }));
    return counts;
  }

  /** The same, read from the bars the page drew. */
  private static Map<String, Map<String, Long>> drawnSeries(WebDriver page) {
    var counts = new TreeMap<String, Map<String, Long>>();
    page.run("return [...document.querySelectorAll('#series rect.bar')].map(r => [r.dataset.start, r.dataset.status,"
        + " Number(r.dataset.count), Number(r.getAttribute('height'))]);").forEach(bar -> counts
        .computeIfAbsent(bar.get(0).asString(), s -> new TreeMap<>()).put(bar.get(1).asString(), bar.get(2).asLong()));
    return counts;
  }

  @Test
  void thePageDrawsTheApisNumbersHighlightsInvalidPairsAndShowsAClickedMessagesRecord(@TempDir Path dataDir,
      @TempDir Path browser) throws Exception {
    RequiredTool.require(WebDriver.available(), "chromium and chromedriver");
    long start = Instant.now().getEpochSecond() - HISTORY_SECONDS;
    Devnet devnet = Devnet.start(List.of(ChainSpec.of(901).withGenesisTimestamp(start),
        ChainSpec.of(902).withGenesisTimestamp(start)));
    try (var node = new DevnetNode(dataDir, devnet); var page = new WebDriver(browser.resolve("profile"))) {
      emitHistory(devnet, start);
      int messages = ROUNDS * 3 + (ROUNDS + 2) / 3 + 1;
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
        JsonNode summary = api(node, "api/v1/summary");
        return summary.get("total").asLong() == messages && summary.get("byStatus").get("pending").asLong() == 0;
      });

      // Wide enough that the message record, opened at the end, leaves the charts and the matrix in the picture.
      page.resize(1860, 1240);
      page.open(node.baseUrl());
      page.run("window.loadedOnce = 'yes';");
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(strings(page.run(
          "return [...document.querySelectorAll('#chains tbody tr')].map(r => r.dataset.chainId);")))
          .containsExactly("901", "902"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(page.run(
          "return document.getElementById('stream').textContent;").asString()).isEqualTo("stream: live"));

      // Messages per minute: one bar per non-zero status count of the API's series, as tall as its count says.
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Map<String, Map<String, Long>> expected = nonZero(api(node, "api/v1/series?window=1h&step=1m"));
        assertThat(expected.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum())
            .isEqualTo(messages);
        assertThat(drawnSeries(page)).isEqualTo(expected);
      });
      JsonNode bars = page.run("return [...document.querySelectorAll('#series rect.bar')]"
          + ".map(r => Number(r.getAttribute('height')) / Number(r.dataset.count));");
      assertThat(bars.size()).isGreaterThanOrEqualTo(ROUNDS);
      bars.forEach(perMessage -> assertThat(perMessage.asDouble()).as("bar height per message")
          .isCloseTo(bars.get(0).asDouble(), org.assertj.core.data.Offset.offset(0.01)));

      // Detection delays: one bar per bucket of the summary, with its count.
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        var expected = new TreeMap<Double, Long>();
        api(node, "api/v1/summary").get("detectionDelays").forEach(d -> expected.put(
            d.get("upToSeconds").isNull() ? Double.POSITIVE_INFINITY : d.get("upToSeconds").asDouble(),
            d.get("count").asLong()));
        var drawn = new TreeMap<Double, Long>();
        page.run("return [...document.querySelectorAll('#delays rect.delay')].map(r => [r.dataset.upTo,"
            + " Number(r.dataset.count)]);").forEach(bar -> drawn.put(Double.valueOf(bar.get(0).asString()
            .replace("+Inf", "Infinity")), bar.get(1).asLong()));
        assertThat(drawn).isEqualTo(expected);
        assertThat(expected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(messages);
      });

      // The matrix: the pair with invalid messages is highlighted with their number; the all-valid pair is not.
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        JsonNode invalidPair = page.run("const c = document.querySelector("
            + "'#matrix td[data-executing=\"902\"][data-initiating=\"901\"]');"
            + " return [c.className, c.dataset.total, c.dataset.invalid];");
        assertThat(invalidPair.get(0).asString()).contains("invalid");
        assertThat(invalidPair.get(1).asLong()).isEqualTo(ROUNDS * 2 + (ROUNDS + 2) / 3);
        assertThat(invalidPair.get(2).asLong()).isEqualTo((ROUNDS + 2) / 3);
        assertThat(page.run("return document.querySelector('#matrix td[data-executing=\"901\"]"
            + "[data-initiating=\"902\"]').className;").asString()).doesNotContain("invalid");
        assertThat(page.run("return document.querySelector('#matrix td[data-executing=\"902\"]"
            + "[data-initiating=\"999999999\"]').className;").asString()).contains("invalid");
      });

      ExecutingReceipt receipt = node.emitInvalid("browser");
      String id = PipelineHarness.key(receipt).toString();
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(strings(page.run(
          "return [...document.querySelectorAll('#alerts tbody tr.invalid')].map(r => r.dataset.id);")))
          .contains(id));
      assertThat(strings(page.run("return [...document.querySelectorAll('#alerts tbody tr.invalid td')]"
          + ".map(td => td.textContent);"))).contains("payload-mismatch", "902", "901");

      // A click on it shows its record: identifier, history as the API has it, safety, access list, each site's verdict.
      page.click("#alerts tbody tr[data-id='" + id + "']");
      JsonNode message = api(node, "api/v1/messages/" + id);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> page.run(
          "const d = document.getElementById('detail'); return !d.hidden && d.dataset.id;").asString().equals(id));
      String identifier = page.run("return document.getElementById('detail-identifier').textContent;").asString();
      assertThat(identifier).contains(message.get("identifier").get("origin").asString())
          .contains(message.get("identifier").get("blockNumber").asString()).contains("901");
      List<String> history = new ArrayList<>();
      message.get("history").forEach(h -> history.add(h.get("status").asString()));
      assertThat(history).containsExactly("pending", "invalid");
      assertThat(strings(page.run("return [...document.querySelectorAll('#detail-history tbody tr td:first-child')]"
          + ".map(td => td.textContent);"))).isEqualTo(history);
      assertThat(page.run("return document.getElementById('detail-body').textContent;").asString())
          .contains(id).contains("payload-mismatch").contains("initiating block").contains("declared");
      List<String> sites = new ArrayList<>();
      message.get("sites").propertyNames().forEach(sites::add);
      assertThat(sites).isNotEmpty();
      assertThat(strings(page.run("return [...document.querySelectorAll('#detail-sites tbody tr')]"
          + ".map(tr => tr.dataset.site + ' ' + tr.cells[1].textContent.split(' ')[0]);")))
          .containsExactlyElementsOf(sites.stream().sorted()
              .map(s -> s + " " + message.get("sites").get(s).get("status").asString()).toList());
      assertThat(page.run("return document.getElementById('detail-agreement').textContent;").asString())
          .isEqualTo("sites: " + message.get("agreement").asString());

      assertThat(page.run("return window.loadedOnce;").asString()).as("the page was not reloaded").isEqualTo("yes");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> page.run(
          "return document.querySelector('.count.invalid b').textContent;").asString()
          .equals(Long.toString((ROUNDS + 2) / 3 + 2)));
      page.screenshot(SCREENSHOT);
    }
  }
}
