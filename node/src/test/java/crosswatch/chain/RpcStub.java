package crosswatch.chain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC endpoint over http at the edge of a test: answers what the test says (canned, garbage, or what a real
 * node answers, possibly altered). It can be created before it listens, to play a node that is down at first.
 * A lone {@code eth_chainId}, which the transport asks on each new connection, is answered with the chain id of
 * {@link #endpoint(long)} and not recorded, so that tests see only their own round trips.
 */
public final class RpcStub implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Turns one JSON-RPC call into its result; may throw {@link Refusal} to answer with an error object. */
  @FunctionalInterface
  public interface Results {
    Object result(String method, JsonNode params);
  }

  /** Makes {@link Results} answer with a JSON-RPC error object. */
  public static final class Refusal extends RuntimeException {
    public Refusal(String message) {
      super(message);
    }
  }

  private final int port;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile UnaryOperator<String> answer;
  private volatile long chainId = -1;
  private HttpServer server;

  private RpcStub(int port, UnaryOperator<String> answer) {
    this.port = port;
    this.answer = answer;
  }

  /** A stub on a free port that does not listen until {@link #start()}. */
  public static RpcStub down(UnaryOperator<String> answer) {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new RpcStub(socket.getLocalPort(), answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RpcStub up(UnaryOperator<String> answer) {
    return down(answer).start();
  }

  public synchronized RpcStub start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String chainIdAnswer = chainIdAnswer(body);
      if (chainIdAnswer == null) {
        requests.add(body);
      }
      byte[] reply = (chainIdAnswer != null ? chainIdAnswer : answer.apply(body)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, reply.length);
      try (var out = exchange.getResponseBody()) {
        out.write(reply);
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return this;
  }

  public void answer(UnaryOperator<String> newAnswer) {
    this.answer = newAnswer;
  }

  public ChainEndpoint endpoint(long chainId) {
    this.chainId = chainId;
    return new ChainEndpoint(chainId, URI.create("http://127.0.0.1:" + port));
  }

  private String chainIdAnswer(String body) {
    if (chainId < 0 || !body.contains("\"eth_chainId\"")) {
      return null;
    }
    JsonNode call = JSON.readTree(body);
    if (!call.isObject()) {
      return null;
    }
    ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0").put("result", "0x" + Long.toHexString(chainId));
    reply.set("id", call.get("id"));
    return JSON.writeValueAsString(reply);
  }

  /** Every request body received, oldest first: one per round trip. */
  public List<String> requests() {
    return requests;
  }

  /** Answers each call (single or batched) with what {@code results} says, under the call's id. */
  public static UnaryOperator<String> results(Results results) {
    return body -> {
      JsonNode request = JSON.readTree(body);
      if (!request.isArray()) {
        return JSON.writeValueAsString(reply(request, results));
      }
      ArrayNode replies = JSON.createArrayNode();
      request.forEach(call -> replies.add(reply(call, results)));
      return JSON.writeValueAsString(replies);
    };
  }

  /** Passes every request to a real node, and its answer through {@code alter}. */
  public static UnaryOperator<String> forwardingTo(String url, UnaryOperator<String> alter) {
    HttpClient client = HttpClient.newHttpClient();
    return body -> {
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return alter.apply(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  private static ObjectNode reply(JsonNode call, Results results) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("jsonrpc", "2.0");
    reply.set("id", call.get("id"));
    try {
      reply.set("result", JSON.valueToTree(results.result(call.get("method").asString(), call.get("params"))));
    } catch (Refusal e) {
      reply.putObject("error").put("code", -32005).put("message", e.getMessage());
    }
    return reply;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
