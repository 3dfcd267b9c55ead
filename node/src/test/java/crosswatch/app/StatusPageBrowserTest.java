package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.ExecutingReceipt;
import crosswatch.testkit.RequiredTool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The status page in a real headless Chromium against a real node on real chains: it shows the chains, and an
 * invalid message emitted on chain appears in the live list without a reload. Leaves a screenshot
 * ({@link #SCREENSHOT}).
 */
class StatusPageBrowserTest {
  /**
   * Where the screenshot goes: target/ by default, so a test run never changes a tracked file;
   * {@code -Dcrosswatch.screenshot=../docs/status-page.png} refreshes the README's picture.
   */
  private static final Path SCREENSHOT = Path.of(System.getProperty("crosswatch.screenshot", "target/status-page.png"));

  private static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }

  @Test
  void thePageShowsTheChainsAndAnInvalidMessageAppearsWithoutAReload(@TempDir Path dataDir, @TempDir Path browser)
      throws Exception {
    RequiredTool.require(WebDriver.available(), "chromium and chromedriver");
    try (var node = new DevnetNode(dataDir); var page = new WebDriver(browser.resolve("profile"))) {
      page.open(node.baseUrl());
      page.run("window.loadedOnce = 'yes';");

      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(strings(page.run(
          "return [...document.querySelectorAll('#chains tbody tr')].map(r => r.dataset.chainId);")))
          .containsExactly("901", "902"));
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> page.run(
          "return document.getElementById('stream').textContent;").asString().equals("stream: live"));

      ExecutingReceipt receipt = node.emitInvalid("browser");
      String id = PipelineHarness.key(receipt).toString();

      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(strings(page.run(
          "return [...document.querySelectorAll('#alerts tbody tr.invalid')].map(r => r.dataset.id);")))
          .contains(id));
      assertThat(strings(page.run("return [...document.querySelectorAll('#alerts tbody tr.invalid td')]"
          + ".map(td => td.textContent);"))).contains("payload-mismatch", "902", "901");
      assertThat(page.run("return window.loadedOnce;").asString()).as("the page was not reloaded").isEqualTo("yes");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> page.run(
          "return document.querySelector('.count.invalid b').textContent;").asString().equals("1"));
      page.screenshot(SCREENSHOT);
    }
  }
}
