package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTest {
  private static final String RPC = "http://127.0.0.1:1";
  @TempDir Path dataDir;

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    try (var client = HttpClient.newHttpClient()) {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static boolean vertxThreadsAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().startsWith("vert.x-eventloop"));
  }

  @Nested
  class Running {
    @Test
    void aStartedNodeServesHealthAndItsInfoAndJvmMeters() throws Exception {
      try (var node = new Node(NodeConfigs.config(RPC, 0, dataDir))) {
        node.start();

        assertThat(get(node.httpPort(), "/healthz").statusCode()).isEqualTo(200);
        String metrics = get(node.httpPort(), "/metrics").body();
        assertThat(metrics)
            .contains("# HELP crosswatch_info Always 1")
            .contains("crosswatch_info{node=\"test-node\",version=\"" + Node.version() + "\"} 1")
            .contains("jvm_memory_used_bytes")
            .contains("process_uptime_seconds");
      }
    }
  }

  @Nested
  class Stopping {
    @Test
    void aClosedNodeNoLongerListensAndClosingTwiceIsHarmless() throws Exception {
      var node = new Node(NodeConfigs.config(RPC, 0, dataDir));
      node.start();
      int port = node.httpPort();

      node.close();
      node.close();

      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aStartThatFailsStopsWhatHadStarted() throws Exception {
      try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        var node = new Node(NodeConfigs.config(RPC, taken.getLocalPort(), dataDir));

        assertThatThrownBy(node::start).hasMessageContaining("Address already in use");
        assertThat(node.httpPort()).isEqualTo(-1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !vertxThreadsAlive());
      }
    }
  }
}
