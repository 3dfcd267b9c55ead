package crosswatch.devnet.proxy;

import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One client's ws connection and the node behind it. Requests are answered through the node's http endpoint,
 * except subscriptions, which go over this session's own ws to the node, so that its notifications come back here
 * (in order, through the fault in force). When either side closes, so does the other.
 */
final class WsSession implements Upstream {
  private static final Logger log = LoggerFactory.getLogger(WsSession.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final ServerWebSocket client;
  private final Context context;
  private final HttpUpstream http;
  private final WebSocketClient webSockets;
  private final Supplier<Behaviour> behaviour;
  private final Map<JsonNode, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final ExecutorService notifications = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
  /** Held while the node's ws is opened; never taken on an event loop, which completes the opening. */
  private final ReentrantLock opening = new ReentrantLock();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile WebSocket node;

  WsSession(ServerWebSocket client, Context context, HttpUpstream http,
            WebSocketClient webSockets, Supplier<Behaviour> behaviour) {
    this.client = client;
    this.context = context;
    this.http = http;
    this.webSockets = webSockets;
    this.behaviour = behaviour;
  }

  @Override
  public List<JsonNode> call(List<JsonNode> requests) throws IOException {
    List<JsonNode> overHttp = requests.stream().filter(r -> !subscription(r)).toList();
    var httpAnswers = http.call(overHttp).iterator();
    List<JsonNode> answers = new ArrayList<>();
    for (JsonNode request : requests) {
      answers.add(subscription(request) ? overWebSocket(request) : httpAnswers.next());
    }
    return answers;
  }

  private static boolean subscription(JsonNode request) {
    String method = Json.method(request);
    return method.equals("eth_subscribe") || method.equals("eth_unsubscribe");
  }

  private JsonNode overWebSocket(JsonNode request) throws IOException {
    var answer = new CompletableFuture<JsonNode>();
    pending.put(request.path("id"), answer);
    try {
      WebSocket ws = node();
      context.runOnContext(v -> ws.writeTextMessage(request.toString()));
      return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("no answer over the node's ws to " + Json.method(request), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pending.remove(request.path("id"));
    }
  }

  private WebSocket node() throws IOException {
    WebSocket open = node;
    if (open != null) {
      return open;
    }
    opening.lock();
    try {
      if (closed.get()) {
        throw new IOException("session closed");
      }
      if (node == null) {
        WebSocket ws = connect();
        ws.textMessageHandler(this::fromNode);
        ws.closeHandler(v -> close((short) 1001, "node went away"));
        node = ws;
        if (closed.get()) {
          // Closed while opening: closed() found no node to close.
          context.runOnContext(v -> ws.close());
          throw new IOException("session closed");
        }
      }
      return node;
    } finally {
      opening.unlock();
    }
  }

  private WebSocket connect() throws IOException {
    URI uri = http.webSocket();
    try {
      return webSockets.connect(new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
          .setURI("/")).toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open the node's ws " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void fromNode(String text) {
    JsonNode message = Json.MAPPER.readTree(text);
    CompletableFuture<JsonNode> waiting = message.has("id") ? pending.get(message.get("id")) : null;
    if (waiting != null) {
      waiting.complete(message);
    } else if (Json.method(message).equals(Match.NOTIFICATION)) {
      notifications.execute(() -> {
        try {
          behaviour.get().notification(message, this).ifPresent(this::send);
        } catch (IOException | RuntimeException e) {
          log.debug("notification dropped error={}", e.toString());
        }
      });
    }
  }

  /** Sends one text message to the client; nothing once closed. */
  void send(String text) {
    context.runOnContext(v -> {
      if (!client.isClosed()) {
        client.writeTextMessage(text);
      }
    });
  }

  void close(short code, String reason) {
    context.runOnContext(v -> {
      if (!client.isClosed()) {
        client.close(code, reason);
      }
    });
    closed();
  }

  /**
   * Drops the TCP connection without a close frame: a reset, as the server's sockets linger 0 s. Closed beneath
   * the pipeline, whose ws handlers would send a close frame first.
   */
  void reset() {
    context.runOnContext(v -> {
      Channel channel = ((WebSocketInternal) client).channelHandlerContext().channel();
      channel.unsafe().close(channel.voidPromise());
    });
    closed();
  }

  /** Releases the node's side once the client's side is gone; runs on event loops, so it never waits. */
  void closed() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    notifications.shutdownNow();
    pending.values().forEach(f -> f.completeExceptionally(new IOException("session closed")));
    WebSocket ws = node;
    if (ws != null) {
      context.runOnContext(v -> ws.close());
    }
  }
}
