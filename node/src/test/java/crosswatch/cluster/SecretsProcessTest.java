package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.chain.ScriptedNode;
import crosswatch.chain.ScriptedNode.Reply;
import crosswatch.devnet.FreePort;
import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RPC URLs carry credentials (userinfo, API keys in the path and query). A node whose endpoints refuse, send
 * garbage frames, HTML, 5xx and 429 answers must not show any of them: not in what it prints (both log formats,
 * stdout and stderr, any logger), nor in its API, metrics or status page.
 */
@Tag("integration")
class SecretsProcessTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Pattern FAILED = Pattern.compile(
      "crosswatch_rpc_requests_total\\{chain_id=\"(\\d+)\",[^}]*outcome=\"([a-z-]+)\"[^}]*} (\\S+)");

  /** Every planted secret; none of them may be printed or served. */
  private static final List<String> SECRETS = List.of("s3cr3t", "ABCDEF123", "QWERTY", "alicekey", "bobkey",
      "carolkey", "/key/", "apikey");

  @TempDir Path root;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<ScriptedNode> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(NodeProcess::kill);
    servers.forEach(ScriptedNode::close);
  }

  /** Answers every ws frame with a frame that is not JSON, or HTML, or JSON-RPC of nobody's id. */
  private ScriptedNode garbageOverWebSocket() {
    var count = new AtomicInteger();
    ScriptedNode node = ScriptedNode.start(request -> switch (count.getAndIncrement() % 3) {
      case 0 -> new Reply.Text("}{ not json");
      case 1 -> new Reply.Text("<html><body>502 Bad Gateway</body></html>");
      default -> new Reply.Text("{\"jsonrpc\":\"2.0\",\"id\":987654321,\"result\":\"0x1\"}");
    });
    servers.add(node);
    return node;
  }

  /** Answers every http request with HTML, a 502, a 429 or truncated JSON, in turn. */
  private ScriptedNode garbageOverHttp() {
    var count = new AtomicInteger();
    ScriptedNode node = ScriptedNode.start(request -> switch (count.getAndIncrement() % 4) {
      case 0 -> new Reply.Text("<html><body>maintenance</body></html>");
      case 1 -> new Reply.Status(502, Map.of(), "<html>502 Bad Gateway</html>");
      case 2 -> new Reply.Status(429, Map.of("Retry-After", "1"), "{\"error\":\"too many requests\"}");
      default -> new Reply.Text("{\"jsonrpc\":\"2.0\",\"id\":1,\"res");
    });
    servers.add(node);
    return node;
  }

  private NodeProcess node(String format, List<String> rpcs) {
    int bindPort = TestNodes.freePort();
    var args = new ArrayList<>(List.of("--log-format", format, "--bind-address", "127.0.0.1",
        "--bind-port", Integer.toString(bindPort), "--cluster-name", "secrets-" + bindPort));
    rpcs.forEach(rpc -> args.addAll(List.of("--rpc", rpc)));
    String name = "secrets-" + format + "-" + bindPort;
    var node = new NodeProcess(name, root.resolve(name), TestNodes.freePort(), args);
    nodes.add(node);
    return node;
  }

  @Test
  void noPlantedSecretIsPrintedOrServedInEitherLogFormat() throws Exception {
    ScriptedNode wsGarbage = garbageOverWebSocket();
    ScriptedNode httpGarbage = garbageOverHttp();
    int refusing = FreePort.pick();
    List<String> rpcs = List.of(
        "901=ws://alicekey:s3cr3t@127.0.0.1:" + refusing + "/key/ABCDEF123?apikey=QWERTY",
        "902=" + wsGarbage.wsUrl().replace("//", "//bobkey:s3cr3t@") + "/key/ABCDEF123?apikey=QWERTY",
        "903=" + httpGarbage.httpUrl().replace("//", "//carolkey:s3cr3t@") + "/v3/ABCDEF123?apikey=QWERTY");
    List<NodeProcess> started = List.of(node("kv", rpcs), node("json", rpcs));
    started.forEach(NodeProcess::launch);
    started.forEach(NodeProcess::awaitHealthy);

    for (NodeProcess node : started) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> List.of(901L, 902L, 903L).stream().allMatch(c -> failedCalls(node, c) >= 8));
    }
    var served = new StringBuilder();
    for (NodeProcess node : started) {
      for (String path : List.of("/api/v1/chains", "/metrics", "/", "/api/v1/summary", "/readyz")) {
        served.append(get(node, path)).append('\n');
      }
    }
    started.forEach(NodeProcess::stop);
    String kv = printed(started.get(0));
    String json = printed(started.get(1));

    assertThat(served.toString()).contains("ws://127.0.0.1:" + refusing).doesNotContain(SECRETS);
    assertThat(kv).contains("level=WARN", "rpc=ws://127.0.0.1:" + refusing).doesNotContain(SECRETS);
    assertThat(json).contains("\"level\":\"WARN\"", "rpc=ws://127.0.0.1:" + refusing).doesNotContain(SECRETS);
  }

  /** Everything the process wrote to stdout and stderr. */
  private static String printed(NodeProcess node) throws IOException {
    return Files.readString(Path.of("target", "replica-logs", node.name() + ".log"), StandardCharsets.UTF_8);
  }

  /** Calls to the chain that did not end well, as the node's /metrics counts them. */
  private static double failedCalls(NodeProcess node, long chainId) {
    Matcher m = FAILED.matcher(get(node, "/metrics"));
    double failed = 0;
    while (m.find()) {
      if (m.group(1).equals(Long.toString(chainId)) && !m.group(2).equals("ok")) {
        failed += Double.parseDouble(m.group(3));
      }
    }
    return failed;
  }

  private static String get(NodeProcess node, String path) {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
