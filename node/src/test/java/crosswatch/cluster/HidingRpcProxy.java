package crosswatch.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chain's JSON-RPC endpoint that lies when told to: it forwards every request to the real node (HTTP, single
 * requests and batches), except that while {@link #hide} is on it hides every log of the chain, consistently: every
 * {@code eth_getLogs} answers {@code []} and every block comes with an empty {@code logsBloom}. A node can lie so
 * without contradicting itself, so the one site that reads the chain through it alone cannot tell, and judges the
 * chain's initiating logs missing: what a provider that hides initiating logs from one region looks like, and what
 * only another site's verdict exposes.
 */
final class HidingRpcProxy implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String EMPTY_BLOOM = "0x" + "0".repeat(512);

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI target;
  private volatile boolean hide;

  HidingRpcProxy(String targetUrl) {
    this.target = URI.create(targetUrl);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** The proxy's URL, to give a node as the chain's {@code --rpc}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void hide(boolean on) {
    hide = on;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      HttpResponse<byte[]> answer;
      try {
        answer = client.send(HttpRequest.newBuilder(target).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      byte[] out = hide ? hidden(body, answer.body()) : answer.body();
      exchange.getResponseHeaders().set("content-type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), out.length);
      exchange.getResponseBody().write(out);
    }
  }

  /** The answer with every log list emptied and every block's {@code logsBloom} zeroed. */
  private static byte[] hidden(byte[] request, byte[] answer) {
    JsonNode asked = JSON.readTree(request);
    Set<String> logCalls = new HashSet<>();
    for (JsonNode call : asked.isArray() ? asked : JSON.createArrayNode().add(asked)) {
      if (call.path("method").asString("").equals("eth_getLogs")) {
        logCalls.add(call.path("id").toString());
      }
    }
    JsonNode answered = JSON.readTree(answer);
    ArrayNode all = answered.isArray() ? (ArrayNode) answered : JSON.createArrayNode().add(answered);
    for (JsonNode response : all) {
      JsonNode result = response.path("result");
      if (logCalls.contains(response.path("id").toString()) && result.isArray()) {
        ((ObjectNode) response).set("result", JSON.createArrayNode());
      } else if (result.isObject() && result.has("logsBloom")) {
        ((ObjectNode) result).put("logsBloom", EMPTY_BLOOM);
      }
    }
    return JSON.writeValueAsBytes(answered.isArray() ? all : all.get(0));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
