package crosswatch.chain;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC node at the edge of a test, over http and ws on one loopback port, that answers each request (a
 * single call or a batch, as received) as its {@link Script} says: correctly, with garbage, with an http status,
 * never, or by closing the connection. The script can be switched while clients are connected.
 */
public final class ScriptedNode implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the node does with one request. */
  public sealed interface Reply {
    /** This text as the http body (status 200) or as one ws text frame. */
    record Text(String body) implements Reply {}

    /** An http status with headers and body; over ws, the body as a frame. */
    record Status(int status, Map<String, String> headers, String body) implements Reply {}

    /** No answer at all: the connection stays open. */
    record Silence() implements Reply {}

    /** The connection (http) or the socket (ws) is closed without an answer. */
    record Close() implements Reply {}
  }

  /** Decides the reply to one request, given as received (it may be a batch). */
  @FunctionalInterface
  public interface Script {
    Reply reply(String request);
  }

  /** Turns one call into its result; throws {@link Refusal} for an error object. */
  @FunctionalInterface
  public interface Results {
    Object result(String method, JsonNode params);
  }

  /** Makes {@link Results} answer with a JSON-RPC error object. */
  public static final class Refusal extends RuntimeException {
    private final int code;

    public Refusal(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Set<ServerWebSocket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger socketsOpened = new AtomicInteger();
  private final List<String> targets = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final int port;
  private volatile Script script;

  private ScriptedNode(Script script) {
    this.script = script;
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(socket -> {
          targets.add(socket.uri());
          authorizations.add(String.valueOf(socket.headers().get("Authorization")));
          socketsOpened.incrementAndGet();
          sockets.add(socket);
          socket.closeHandler(v -> sockets.remove(socket));
          socket.textMessageHandler(text -> onWebSocket(socket, text));
        })
        .requestHandler(request -> request.body().onSuccess(body -> {
          targets.add(request.uri());
          authorizations.add(String.valueOf(request.getHeader("Authorization")));
          String text = body.toString();
          requests.add(text);
          switch (this.script.reply(text)) {
            case Reply.Text t -> request.response().putHeader("Content-Type", "application/json").end(t.body());
            case Reply.Status s -> {
              var response = request.response().setStatusCode(s.status());
              s.headers().forEach(response::putHeader);
              response.end(s.body());
            }
            case Reply.Silence s -> { }
            case Reply.Close c -> request.connection().close();
          }
        }));
    try {
      this.port = server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start the scripted node", e);
    }
  }

  private void onWebSocket(ServerWebSocket socket, String text) {
    requests.add(text);
    switch (script.reply(text)) {
      case Reply.Text t -> socket.writeTextMessage(t.body());
      case Reply.Status s -> socket.writeTextMessage(s.body());
      case Reply.Silence s -> { }
      case Reply.Close c -> socket.close();
    }
  }

  public static ScriptedNode start(Script script) {
    return new ScriptedNode(script);
  }

  /** Switches what the node answers from now on. */
  public void script(Script newScript) {
    this.script = newScript;
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port;
  }

  public ChainEndpoint http(long chainId) {
    return new ChainEndpoint(chainId, URI.create(httpUrl()));
  }

  public ChainEndpoint ws(long chainId) {
    return new ChainEndpoint(chainId, URI.create(wsUrl()));
  }

  /** Every request received (http bodies and ws frames), oldest first. */
  public List<String> requests() {
    return requests;
  }

  /** Requests received that contain this method name. */
  public long requestsOf(String method) {
    return requests.stream().filter(r -> r.contains("\"" + method + "\"")).count();
  }

  /** The path and query of every http request and ws handshake, oldest first. */
  public List<String> targets() {
    return targets;
  }

  /** The Authorization header of every http request and ws handshake ("null" when absent), oldest first. */
  public List<String> authorizations() {
    return authorizations;
  }

  /** Closes every open ws socket, as a node that restarts does. */
  public void closeSockets() {
    sockets.forEach(ServerWebSocket::close);
  }

  /** How many ws sockets were opened so far. */
  public int socketsOpened() {
    return socketsOpened.get();
  }

  /** Sends a frame nobody asked for on every open socket. */
  public void push(String frame) {
    sockets.forEach(s -> s.writeTextMessage(frame));
  }

  /** Sends a binary frame on every open socket. */
  public void pushBinary(byte[] frame) {
    sockets.forEach(s -> s.writeBinaryMessage(Buffer.buffer(frame)));
  }

  /** A node of chain {@code chainId}: answers eth_chainId with it, every other call as {@code others} says. */
  public static Results chain(long chainId, Results others) {
    return (method, params) -> method.equals("eth_chainId") ? "0x" + Long.toHexString(chainId)
        : others.result(method, params);
  }

  /** Answers every call (single or batched) with what {@code results} says, under the call's id. */
  public static Script answering(Results results) {
    return answering(results, UnaryOperator.identity());
  }

  /** As {@link #answering(Results)}, the JSON text passed through {@code alter} before it is sent. */
  public static Script answering(Results results, UnaryOperator<String> alter) {
    return request -> {
      JsonNode parsed = JSON.readTree(request);
      if (!parsed.isArray()) {
        return new Reply.Text(alter.apply(JSON.writeValueAsString(reply(parsed, results))));
      }
      ArrayNode replies = JSON.createArrayNode();
      parsed.forEach(call -> replies.add(reply(call, results)));
      return new Reply.Text(alter.apply(JSON.writeValueAsString(replies)));
    };
  }

  /** The method of a single call, or of the first call of a batch. */
  public static String method(String request) {
    JsonNode parsed = JSON.readTree(request);
    return (parsed.isArray() ? parsed.get(0) : parsed).get("method").asString();
  }

  /** The ids of the calls of a request, in request order. */
  public static List<Long> ids(String request) {
    JsonNode parsed = JSON.readTree(request);
    if (!parsed.isArray()) {
      return List.of(parsed.get("id").asLong());
    }
    var ids = new ArrayList<Long>();
    parsed.forEach(call -> ids.add(call.get("id").asLong()));
    return ids;
  }

  private static ObjectNode reply(JsonNode call, Results results) {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("jsonrpc", "2.0");
    reply.set("id", call.get("id"));
    try {
      reply.set("result", JSON.valueToTree(results.result(call.get("method").asString(), call.get("params"))));
    } catch (Refusal e) {
      reply.putObject("error").put("code", e.code).put("message", e.getMessage());
    }
    return reply;
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the scripted node", e);
    }
  }
}
