package crosswatch.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API: enough to open a page, run a script in
 * it and take a screenshot, without a Selenium dependency. Closing it ends the session, the driver and the browser.
 */
final class WebDriver implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final HttpClient client = HttpClient.newHttpClient();
  private final Process driver;
  private final String base;
  private final String session;

  static boolean available() {
    return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
  }

  WebDriver(Path profile) throws IOException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    driver = new ProcessBuilder(CHROMEDRIVER, "--port=" + port).redirectErrorStream(true)
        .redirectOutput(profile.resolveSibling("chromedriver.log").toFile()).start();
    base = "http://127.0.0.1:" + port;
    try {
      Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> call("GET", "/status", null).get("value").get("ready").asBoolean());
      var options = Map.of("binary", CHROMIUM, "args", List.of("--headless", "--no-sandbox", "--disable-gpu",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile));
      JsonNode created = call("POST", "/session", Map.of("capabilities",
          Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
      session = created.get("value").get("sessionId").asString();
    } catch (RuntimeException e) {
      stopDriver();
      throw e;
    }
  }

  void open(String url) {
    call("POST", "/session/" + session + "/url", Map.of("url", url));
  }

  /** Runs {@code script} (a function body that may {@code return}) in the page and returns its result. */
  JsonNode run(String script) {
    return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of()))
        .get("value");
  }

  /** Clicks the first element {@code css} selects, as a user would: scrolled into view, at its centre. */
  void click(String css) {
    JsonNode element = call("POST", "/session/" + session + "/element",
        Map.of("using", "css selector", "value", css)).get("value");
    String id = element.properties().iterator().next().getValue().asString();
    call("POST", "/session/" + session + "/element/" + id + "/click", Map.of());
  }

  /** Resizes the browser window, e.g. to take a screenshot of more than the first screen. */
  void resize(int width, int height) {
    call("POST", "/session/" + session + "/window/rect", Map.of("width", width, "height", height));
  }

  void screenshot(Path png) throws IOException {
    String base64 = call("GET", "/session/" + session + "/screenshot", null).get("value").asString();
    Files.createDirectories(png.getParent());
    Files.write(png, Base64.getDecoder().decode(base64));
  }

  private JsonNode call(String method, String path, Object body) {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("webdriver " + method + " " + path + " answered " + response.statusCode()
            + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("webdriver " + method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      call("DELETE", "/session/" + session, null);
    } finally {
      stopDriver();
    }
  }

  /** Ends chromedriver and whatever it started (a browser left behind would hold a core). */
  private void stopDriver() {
    client.close();
    driver.descendants().forEach(ProcessHandle::destroy);
    driver.destroy();
    try {
      driver.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
