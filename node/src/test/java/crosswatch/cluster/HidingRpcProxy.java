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
 * requests and batches), except that while {@link #hide} is on it answers {@code []} to every {@code eth_getLogs}
 * without an address filter, which is how a judge reads a block's logs to find an initiating log. Inbox scans (which
 * filter by the CrossL2Inbox address) still see every executing message. What a provider that hides initiating logs
 * from one region looks like.
 */
final class HidingRpcProxy implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

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

  /** The answer with the result of every address-less eth_getLogs of the request replaced by an empty list. */
  private static byte[] hidden(byte[] request, byte[] answer) {
    JsonNode asked = JSON.readTree(request);
    Set<String> hiddenIds = new HashSet<>();
    for (JsonNode call : asked.isArray() ? asked : JSON.createArrayNode().add(asked)) {
      JsonNode filter = call.path("params").path(0);
      if (call.path("method").asString("").equals("eth_getLogs") && !filter.has("address")) {
        hiddenIds.add(call.path("id").toString());
      }
    }
    if (hiddenIds.isEmpty()) {
      return answer;
    }
    JsonNode answered = JSON.readTree(answer);
    ArrayNode all = answered.isArray() ? (ArrayNode) answered : JSON.createArrayNode().add(answered);
    for (JsonNode response : all) {
      if (hiddenIds.contains(response.path("id").toString()) && response.has("result")) {
        ((ObjectNode) response).set("result", JSON.createArrayNode());
      }
    }
    return JSON.writeValueAsBytes(answered.isArray() ? all : all.get(0));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
