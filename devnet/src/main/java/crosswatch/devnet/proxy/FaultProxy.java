package crosswatch.devnet.proxy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC proxy in front of one node (an anvil), http and ws on one loopback port, that answers truthfully
 * until told to fail in one way ({@link #fault}) and again after {@link #heal}. Any path and query are accepted
 * and ignored, so that a URL may carry (fake) API keys. It counts every request it receives by method, each batch
 * element as one ({@link #counts}). Thread-safe: faults may be switched while requests are in flight; an exchange
 * is answered by the fault in force when it arrived (a hung one by the one in force when it is released).
 */
public final class FaultProxy implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);
  private static final int MAX_WS_MESSAGE = 64 * 1024 * 1024;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** The fault in force, how it behaves, and the node the proxy forwards to meanwhile. */
  private record State(Fault fault, Behaviour behaviour, HttpUpstream upstream) {}

  private final Vertx vertx = Vertx.vertx(new VertxOptions()
      .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final WebSocketClient webSockets = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxFrameSize(MAX_WS_MESSAGE).setMaxMessageSize(MAX_WS_MESSAGE));
  private final HttpUpstream home;
  private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
  private final List<Runnable> hung = new ArrayList<>();
  private final Map<String, Long> counts = new HashMap<>();
  private long roundTrips;
  private volatile Consumer<JsonNode> listener = request -> { };
  private final HttpServer server;
  private volatile State state;

  private FaultProxy(URI upstream) {
    home = new HttpUpstream(upstream, http);
    state = new State(Fault.NONE, Behaviour.TRUTH, home);
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
        // A close then resets the connection (RST), as a crashing node or a dropping load balancer does.
        .setSoLinger(0)
        .setMaxWebSocketFrameSize(MAX_WS_MESSAGE).setMaxWebSocketMessageSize(MAX_WS_MESSAGE));
    server.requestHandler(this::onRequest);
    server.webSocketHandler(this::onWebSocket);
  }

  /** A proxy on a free loopback port in front of the node at {@code upstream} (http; its ws is on the same port). */
  public static FaultProxy start(String upstream) {
    var proxy = new FaultProxy(URI.create(upstream));
    try {
      proxy.server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      proxy.close();
      throw new IllegalStateException("fault proxy did not start", e);
    }
    log.info("fault proxy started port={} upstream={}", proxy.port(), upstream);
    return proxy;
  }

  public int port() {
    return server.actualPort();
  }

  public String httpUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port();
  }

  /** Fails from now on as {@code fault} says, until {@link #heal} or another fault; hung requests are released. */
  public void fault(Fault fault) {
    List<Runnable> released;
    boolean switched;
    synchronized (this) {
      HttpUpstream upstream = fault instanceof Fault.WrongChain wrong ? new HttpUpstream(wrong.upstream(), http) : home;
      switched = !upstream.uri().equals(state.upstream().uri());
      state = new State(fault, Behaviour.of(fault), upstream);
      released = List.copyOf(hung);
      hung.clear();
    }
    if (switched) {
      // Every ws client was talking to the other node: make each reconnect, and land where the proxy now points.
      sessions.forEach(s -> s.close((short) 1001, "going away"));
    }
    released.forEach(workers::execute);
    log.info("fault proxy port={} fault={} released={}", port(), fault, released.size());
  }

  /** Answers truthfully again (hung requests get their late answers, ws clients of another node are dropped). */
  public void heal() {
    fault(Fault.NONE);
  }

  public Fault currentFault() {
    return state.fault();
  }

  /** Requests received so far, by method. */
  public synchronized RequestCounts counts() {
    return new RequestCounts(counts, roundTrips);
  }

  /** Requests received since the last call (or the start), counting from zero again. */
  public synchronized RequestCounts takeCounts() {
    RequestCounts taken = counts();
    counts.clear();
    roundTrips = 0;
    return taken;
  }

  /** Hands every request (each batch element) to {@code listener} as it arrives, instead of the one before. */
  public void onRequest(Consumer<JsonNode> listener) {
    this.listener = listener;
  }

  private void count(Exchange exchange) {
    synchronized (this) {
      exchange.requests().forEach(r -> counts.merge(Json.method(r), 1L, Long::sum));
      roundTrips++;
    }
    exchange.requests().forEach(listener);
  }

  private void onRequest(HttpServerRequest request) {
    Context context = vertx.getOrCreateContext();
    request.body().onSuccess(body -> workers.execute(() -> {
      Optional<Exchange> exchange = parse(body.toString(), false, request.uri());
      if (exchange.isEmpty()) {
        respond(request, context, Outcome.json(Json.error(null, -32700, "parse error", null).toString()));
        return;
      }
      count(exchange.get());
      decide(exchange.get(), Optional.empty(), outcome -> respond(request, context, outcome));
    }));
  }

  private void onWebSocket(ServerWebSocket ws) {
    Context context = vertx.getOrCreateContext();
    var session = new WsSession(ws, context, state.upstream(), webSockets, () -> state.behaviour());
    sessions.add(session);
    ws.closeHandler(v -> {
      sessions.remove(session);
      session.closed();
    });
    ws.textMessageHandler(text -> workers.execute(() -> {
      Optional<Exchange> exchange = parse(text, true, ws.uri());
      if (exchange.isEmpty()) {
        session.send(Json.error(null, -32700, "parse error", null).toString());
        return;
      }
      count(exchange.get());
      decide(exchange.get(), Optional.of(session), outcome -> deliver(session, outcome));
    }));
  }

  private static Optional<Exchange> parse(String body, boolean overWebSocket, String target) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      return json.isObject() || (json.isArray() && !json.isEmpty())
          ? Optional.of(new Exchange(Json.elements(json), json.isArray(), overWebSocket, target))
          : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  /**
   * Answers one exchange by the fault in force; a hung one is parked and decided again by the fault in force when
   * it is released. Over ws, the session (bound to the node it connected to) is the upstream.
   */
  private void decide(Exchange exchange, Optional<WsSession> session, Consumer<Outcome> reply) {
    State current = state;
    Upstream upstream = session.<Upstream>map(s -> s).orElse(current.upstream());
    Outcome outcome;
    try {
      outcome = current.behaviour().answer(exchange, upstream);
    } catch (IOException | RuntimeException e) {
      log.debug("upstream failed port={} error={}", port(), e.toString());
      outcome = new Outcome.Answer(502, "text/plain", Map.of(), "upstream unavailable", 1);
    }
    if (outcome instanceof Outcome.Hang) {
      synchronized (this) {
        if (state == current) {
          hung.add(() -> decide(exchange, session, reply));
          return;
        }
      }
      decide(exchange, session, reply);
      return;
    }
    reply.accept(outcome);
  }

  private void respond(HttpServerRequest request, Context context, Outcome outcome) {
    context.runOnContext(v -> {
      switch (outcome) {
        case Outcome.Answer answer -> {
          HttpServerResponse response = request.response();
          if (response.ended() || response.closed()) {
            return;
          }
          response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
          answer.headers().forEach(response::putHeader);
          response.end(answer.body());
        }
        case Outcome.Reset reset -> request.connection().close();
        case Outcome.Close close -> request.connection().close();
        case Outcome.Hang hang -> throw new IllegalStateException("a hung exchange is parked, not answered");
      }
    });
  }

  private static void deliver(WsSession session, Outcome outcome) {
    switch (outcome) {
      case Outcome.Answer answer -> {
        for (int i = 0; i < answer.copies(); i++) {
          session.send(answer.body());
        }
      }
      case Outcome.Reset reset -> session.reset();
      case Outcome.Close close -> session.close(close.code(), close.reason());
      case Outcome.Hang hang -> throw new IllegalStateException("a hung exchange is parked, not answered");
    }
  }

  @Override
  public void close() {
    sessions.forEach(s -> s.close((short) 1001, "going away"));
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("fault proxy did not close cleanly error={}", e.toString());
    }
    workers.shutdownNow();
    http.close();
  }
}
