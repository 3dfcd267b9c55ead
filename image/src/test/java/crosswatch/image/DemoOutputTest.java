package crosswatch.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.FreePort;
import crosswatch.devnet.NodeLaunch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first run: the demo as {@code scripts/demo} starts it (its own JVM, the packaged jar, the alert
 * rules), run until the node has judged invalid messages and then stopped. Every line on the terminal is one
 * key=value event, whoever wrote it, and none is a JVM warning.
 */
@Tag("integration")
class DemoOutputTest {
  private static final Path DEVNET = Path.of(System.getProperty("crosswatch.devnet.dir"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void everyLineIsAKeyValueEventAndNoneIsAJvmWarning() throws Exception {
    ToolCheck.require("prometheus");
    int httpPort = FreePort.pick();
    Path output = dir.resolve("demo.out");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(NodeLaunch.jvmOptions());
    command.addAll(List.of("-Dcrosswatch.devnet.dir=" + DEVNET, "-cp", System.getProperty("java.class.path"),
        "crosswatch.devnet.Demo", "--node-jar", System.getProperty("crosswatch.node.jar"),
        "--rules", DEVNET.resolveSibling("k8s").resolve("monitoring").resolve("crosswatch-rules.yml").toString(),
        "--http-port", Integer.toString(httpPort), "--data-dir", dir.resolve("data").toString()));
    Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        assertThat(demo.isAlive()).as("the demo runs; its output: %s", Files.readString(output)).isTrue();
        return invalidMessagesJudged(httpPort);
      });
    } finally {
      demo.destroy();
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly();
      }
    }

    List<String> lines = Files.readAllLines(output);
    assertThat(lines).noneMatch(line -> line.contains("WARNING"))
        .allSatisfy(line -> assertThat(line).matches(KeyValueLines.EVENT));
    assertThat(lines).as("the demo's, anvil's, Prometheus' and the node's own lines")
        .anyMatch(line -> line.contains("logger=Anvil") && line.contains("anvil started") && line.contains(" log="))
        .anyMatch(line -> line.contains("logger=Prometheus") && line.contains("prometheus started url=http://"))
        .anyMatch(line -> line.contains("logger=DemoSession") && line.contains("demo running"))
        .anyMatch(line -> line.contains("logger=Traffic"))
        .anyMatch(line -> line.contains("logger=Node") && line.contains("node started"));
  }

  private static boolean invalidMessagesJudged(int httpPort) {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + httpPort + "/api/v1/messages?status=invalid&limit=1")).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"status\":\"invalid\"");
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
