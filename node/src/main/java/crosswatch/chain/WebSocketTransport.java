package crosswatch.chain;

import crosswatch.judge.Backoff;
import crosswatch.metrics.RpcMeters;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import tools.jackson.databind.JsonNode;

/**
 * JSON-RPC over ws(s) through the JDK's WebSocket. The socket is opened on first use and again after it drops;
 * the first request on every new socket is {@code eth_chainId}. Every call is bounded by the request timeout, and
 * so are opening a socket and checking its chain id together. Answers are matched to calls by id: an answer that
 * names a call in flight but is garbled (cut off too, as long as its id can be read) fails only that call, at once.
 * A frame that names no call (its id unreadable or unknown) fails every call in flight on the socket at once, one of
 * which it may have been meant for, so that nothing waits for the timeout; the socket and its subscriptions stay.
 * A frame that is no text or too large drops the socket. A call that times out drops the
 * socket too: a half-open connection would otherwise never be noticed.
 */
final class WebSocketTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
  /** A larger frame is not an answer we can use; it would only exhaust memory. */
  private static final int MAX_FRAME_CHARS = 64 << 20;
  /** A buffer grown past this for a large answer is released after it, not kept for the socket's life. */
  private static final int KEPT_BUFFER_CHARS = 1 << 20;
  /**
   * Ids of calls no longer waiting (answered, failed or given up) that are remembered, so that a late or repeated
   * answer to one is ignored rather than taken for an answer nobody asked for.
   */
  private static final int SETTLED_KEPT = 4096;

  /** A running subscription; it ends (with a failure) when its socket drops, or when closed. */
  interface Subscription extends AutoCloseable {
    boolean ended();

    @Override
    void close();
  }

  /** The answer to {@code eth_subscribe}: the subscription's id. */
  static final class SubscriptionId extends Response<String> {}

  /** The answer to {@code eth_unsubscribe}. */
  static final class Unsubscribed extends Response<Boolean> {}

  private final ChainEndpoint endpoint;
  private final WireAddress address;
  private final Duration timeout;
  private final RpcMeters meters;
  private final ChainIdGuard guard;
  private final HttpClient client;
  private final AtomicLong ids = new AtomicLong();
  private final ReentrantLock connecting = new ReentrantLock();
  /**
   * After a connect that failed (refused, reset, timed out), new connects fail at once with the same failure until
   * this backoff passed; guarded by {@link #connecting}.
   */
  private final Backoff connectBackoff;
  private int connectFailures;
  private long nextConnectNanos;
  private RpcFailure lastConnectFailure;
  private volatile Socket current;
  private volatile boolean closed;

  WebSocketTransport(ChainEndpoint endpoint, ChainSettings settings, RpcMeters meters) {
    this.endpoint = endpoint;
    this.address = WireAddress.of(endpoint);
    this.timeout = settings.requestTimeout();
    this.connectBackoff = settings.retry();
    this.meters = meters;
    this.guard = new ChainIdGuard(endpoint, settings.reconnect(), meters);
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  @Override
  public List<Response<?>> send(List<Request<?, ? extends Response<?>>> requests) throws RpcFailure {
    Socket socket = connected(System.nanoTime() + timeout.toNanos());
    return socket.call(requests, System.nanoTime() + timeout.toNanos(), null);
  }

  /**
   * Subscribes to {@code eth_subscribe} notifications of {@code topic} (e.g. {@code newHeads}) on the current
   * socket: each notification's result goes to {@code onNotification}, on the socket's reading thread; when the
   * socket drops, {@code onEnd} gets the failure.
   */
  Subscription subscribe(String topic, Consumer<JsonNode> onNotification, Consumer<RpcFailure> onEnd)
      throws RpcFailure {
    Socket socket = connected(System.nanoTime() + timeout.toNanos());
    var subscription = new Sub(socket, onNotification, onEnd);
    var request = new Request<>("eth_subscribe", List.of(topic), null, SubscriptionId.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    OwnCall.counted(meters, request.getMethod(), () -> socket.call(List.of(request), deadline, subscription));
    return subscription;
  }

  private void unsubscribe(Socket socket, String subscription) {
    var request = new Request<>("eth_unsubscribe", List.of(subscription), null, Unsubscribed.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      OwnCall.counted(meters, request.getMethod(), () -> socket.call(List.of(request), deadline, null));
    } catch (RpcFailure e) {
      log.debug("unsubscribe failed chainId={} rpc={} error={}", endpoint.chainId(), endpoint.display(),
          e.getMessage());
    }
  }

  /** The open socket whose chain id was checked; opens one when there is none. */
  private Socket connected(long deadline) throws RpcFailure {
    Socket socket = current;
    if (socket != null && socket.isOpen()) {
      return socket;
    }
    lock(connecting, deadline);
    try {
      socket = current;
      if (socket != null && socket.isOpen()) {
        return socket;
      }
      if (closed) {
        throw RpcFailure.io("transport closed");
      }
      guard.beforeConnecting();
      if (connectFailures > 0 && System.nanoTime() - nextConnectNanos < 0) {
        // Every caller of a dead endpoint would otherwise queue here for its own connect attempt, each one
        // waiting out the others' (a scanner's resubscription behind a judge's reads) and hammering the node.
        throw lastConnectFailure;
      }
      Socket fresh = null;
      try {
        fresh = open(deadline);
        guard.check(chainId(fresh, deadline));
      } catch (RpcFailure e) {
        if (fresh != null) {
          fresh.drop(e);
        }
        if (e.kind() == RpcFailure.Kind.IO || e.kind() == RpcFailure.Kind.TIMEOUT) {
          connectFailures++;
          lastConnectFailure = e;
          nextConnectNanos = System.nanoTime()
              + connectBackoff.delay(connectFailures, ThreadLocalRandom.current()).toNanos();
        }
        throw e;
      }
      connectFailures = 0;
      current = fresh;
      return fresh;
    } finally {
      connecting.unlock();
    }
  }

  private long chainId(Socket socket, long deadline) throws RpcFailure {
    return OwnCall.counted(meters, "eth_chainId",
        () -> RpcAnswers.quantity(socket.call(List.of(RpcRequests.chainId()), deadline, null).getFirst()));
  }

  /**
   * Opens a socket within the deadline. The JDK completes the opening handshake through the common fork-join
   * pool: while something else in the process keeps that pool blocked, opening times out (it never hangs).
   */
  private Socket open(long deadline) throws RpcFailure {
    var socket = new Socket();
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(remaining(deadline));
    address.authorization().ifPresent(a -> builder.header("Authorization", a));
    CompletableFuture<WebSocket> opening;
    try {
      opening = builder.buildAsync(address.target(), socket);
    } catch (RuntimeException e) {
      throw RpcFailure.io("cannot connect");
    }
    try {
      socket.webSocket = opening.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
      return socket;
    } catch (TimeoutException e) {
      // Cancelling would not stop the handshake, only lose the socket it may still open: that one is closed.
      opening.thenAccept(WebSocket::abort);
      throw RpcFailure.timeout(timeout);
    } catch (InterruptedException e) {
      opening.thenAccept(WebSocket::abort);
      Thread.currentThread().interrupt();
      throw RpcFailure.io("interrupted");
    } catch (ExecutionException e) {
      // The JDK's exceptions are told apart by type only: their messages are not ours to show.
      throw switch (e.getCause()) {
        case HttpConnectTimeoutException t -> RpcFailure.timeout(timeout);
        case WebSocketHandshakeException h -> RpcFailure.io("websocket refused (http "
            + h.getResponse().statusCode() + ")");
        case ConnectException c -> RpcFailure.io("cannot connect");
        default -> RpcFailure.io("cannot connect");
      };
    }
  }

  private Duration remaining(long deadline) throws RpcFailure {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw RpcFailure.timeout(timeout);
    }
    return Duration.ofNanos(left);
  }

  private void lock(ReentrantLock lock, long deadline) throws RpcFailure {
    try {
      if (!lock.tryLock(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)) {
        throw RpcFailure.timeout(timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RpcFailure.io("interrupted");
    }
  }

  @Override
  public void close() {
    closed = true;
    Socket socket = current;
    if (socket != null) {
      socket.drop(RpcFailure.io("transport closed"));
    }
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "WebSocketTransport[" + endpoint.display() + "]";
  }

  /** One call or batch waiting for its answer; {@code subscription} is set for an {@code eth_subscribe}. */
  private record Pending(JsonRpcCodec.Exchange exchange, Sub subscription,
                         CompletableFuture<List<Response<?>>> answer) {}

  /** One opened socket: its calls in flight by wire id, its subscriptions by id, and what reads its frames. */
  private final class Socket implements WebSocket.Listener {
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Sub> subscriptions = new ConcurrentHashMap<>();
    private final Set<Long> settled = Collections.synchronizedSet(Collections.newSetFromMap(
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > SETTLED_KEPT;
          }
        }));
    private final ReentrantLock sending = new ReentrantLock();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile WebSocket webSocket;

    boolean isOpen() {
      return open.get();
    }

    List<Response<?>> call(List<Request<?, ? extends Response<?>>> requests, long deadline, Sub subscription)
        throws RpcFailure {
      var exchange = new JsonRpcCodec.Exchange(requests,
          requests.stream().map(r -> ids.incrementAndGet()).toList());
      var call = new Pending(exchange, subscription, new CompletableFuture<>());
      exchange.ids().forEach(id -> pending.put(id, call));
      if (!isOpen()) {
        // Dropped before the call was registered: nobody else will fail it.
        forget(call);
        throw RpcFailure.io("connection closed");
      }
      try {
        transmit(exchange.encode(), deadline);
        return call.answer().get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | RpcFailure e) {
        forget(call);
        RpcFailure failure = e instanceof RpcFailure f ? f : RpcFailure.timeout(timeout);
        if (failure.kind() == RpcFailure.Kind.TIMEOUT) {
          drop(RpcFailure.io("connection dropped after a timeout"));
        }
        throw failure;
      } catch (ExecutionException e) {
        throw (RpcFailure) e.getCause();
      } catch (InterruptedException e) {
        forget(call);
        Thread.currentThread().interrupt();
        throw RpcFailure.io("interrupted");
      }
    }

    private void transmit(String frame, long deadline) throws RpcFailure {
      lock(sending, deadline);
      try {
        // The JDK's WebSocket allows one send at a time.
        webSocket.sendText(frame, true).get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw RpcFailure.timeout(timeout);
      } catch (ExecutionException | RuntimeException e) {
        drop(RpcFailure.io("connection lost"));
        throw RpcFailure.io("connection lost");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw RpcFailure.io("interrupted");
      } finally {
        sending.unlock();
      }
    }

    /** The call waits no more: its ids are settled, and a late answer to them is ignored. */
    private void forget(Pending call) {
      settled.addAll(call.exchange().ids());
      call.exchange().ids().forEach(pending::remove);
    }

    private void fail(Pending call, RpcFailure failure) {
      forget(call);
      call.answer().completeExceptionally(failure);
    }

    @Override
    public void onOpen(WebSocket socket) {
      webSocket = socket;
      socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      if (partial.length() + data.length() > MAX_FRAME_CHARS) {
        unreadable("oversized frame");
        return null;
      }
      partial.append(data);
      if (last) {
        String frame = partial.toString();
        partial.setLength(0);
        if (frame.length() > KEPT_BUFFER_CHARS) {
          partial.trimToSize();
        }
        receive(frame);
      }
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      unreadable("binary frame");
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      drop(RpcFailure.io("connection closed"));
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      drop(RpcFailure.io("connection lost"));
    }

    private void receive(String frame) {
      JsonNode answer;
      try {
        answer = JsonRpcCodec.parse(frame);
      } catch (RpcFailure e) {
        notJson(frame);
        return;
      }
      if (answer.isObject() && !answer.has("id") && answer.has("method")) {
        notification(answer);
      } else if (answer.isObject()) {
        long id = JsonRpcCodec.idOf(answer);
        Pending call = pending.get(id);
        if (call != null) {
          complete(call, answer);
        } else if (!settled.contains(id)) {
          unattributable("answer of an unknown id");
        }
      } else if (answer.isArray()) {
        batch(answer);
      } else {
        unattributable("not an answer");
      }
    }

    /** A frame that is not JSON: only the call its id names fails, when the id can be read. */
    private void notJson(String frame) {
      long id = JsonRpcCodec.leadingId(frame);
      Pending call = pending.get(id);
      if (call != null) {
        fail(call, RpcFailure.garbled("not json"));
      } else if (id < 0 || !settled.contains(id)) {
        unattributable("not json");
      }
    }

    /** A batch answer belongs to the one call its ids name; any other case cannot be trusted. */
    private void batch(JsonNode answer) {
      Set<Pending> owners = Collections.newSetFromMap(new IdentityHashMap<>());
      boolean unknown = false;
      for (JsonNode element : answer) {
        long id = element.isObject() ? JsonRpcCodec.idOf(element) : -1;
        Pending call = pending.get(id);
        if (call != null) {
          owners.add(call);
        } else if (!settled.contains(id)) {
          unknown = true;
        }
      }
      if (owners.size() == 1) {
        complete(owners.iterator().next(), answer);
      } else if (owners.size() > 1) {
        owners.forEach(call -> fail(call, RpcFailure.garbled("batch answer mixes requests")));
      } else if (unknown) {
        unattributable("batch answer of unknown ids");
      }
    }

    private void complete(Pending call, JsonNode answer) {
      forget(call);
      try {
        List<Response<?>> answers = JsonRpcCodec.answers(call.exchange(), answer);
        if (call.subscription() != null) {
          // Registered here, on the reading thread, so that no notification after this answer is missed.
          call.subscription().started(RpcAnswers.text(answers.getFirst()));
        }
        call.answer().complete(answers);
      } catch (RpcFailure e) {
        call.answer().completeExceptionally(e);
      }
    }

    private void notification(JsonNode message) {
      JsonNode params = message.get("params");
      JsonNode id = params == null ? null : params.get("subscription");
      if (!"eth_subscription".equals(message.get("method").asString("")) || id == null || !id.isString()
          || !params.has("result")) {
        unattributable("unknown notification");
        return;
      }
      Sub subscription = subscriptions.get(id.asString());
      if (subscription != null) {
        subscription.notify(params.get("result"));
      }
    }

    /**
     * A frame that names no call in flight, though it answers one of them: each fails now (and is asked again)
     * rather than waiting for the timeout. Answers still to come for them are ignored.
     */
    private void unattributable(String what) {
      // Not logged above debug: the calls it fails say so, once per retry round.
      log.debug("rpc frame names no call, failing the calls in flight chainId={} rpc={} frame={}",
          endpoint.chainId(), endpoint.display(), what);
      RpcFailure failure = RpcFailure.garbled(what);
      Set<Pending> calls = Collections.newSetFromMap(new IdentityHashMap<>());
      calls.addAll(pending.values());
      calls.forEach(call -> fail(call, failure));
    }

    /** A frame that cannot be an answer at all: the socket is not to be trusted any longer. */
    private void unreadable(String what) {
      log.debug("rpc frame unreadable, dropping the socket chainId={} rpc={} frame={}", endpoint.chainId(),
          endpoint.display(), what);
      drop(RpcFailure.io("connection dropped: " + what));
    }

    /** Closes the socket; every call in flight fails and every subscription ends with {@code failure}. */
    void drop(RpcFailure failure) {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      WebSocket socket = webSocket;
      if (socket != null) {
        socket.abort();
      }
      Set<Pending> calls = Collections.newSetFromMap(new IdentityHashMap<>());
      calls.addAll(pending.values());
      pending.clear();
      calls.forEach(call -> call.answer().completeExceptionally(failure));
      subscriptions.values().forEach(s -> s.end(failure));
      subscriptions.clear();
    }
  }

  /** A subscription on one socket; started once its {@code eth_subscribe} is answered. */
  private final class Sub implements Subscription {
    private final Socket socket;
    private final Consumer<JsonNode> onNotification;
    private final Consumer<RpcFailure> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String id;

    Sub(Socket socket, Consumer<JsonNode> onNotification, Consumer<RpcFailure> onEnd) {
      this.socket = socket;
      this.onNotification = onNotification;
      this.onEnd = onEnd;
    }

    void started(String subscriptionId) {
      id = subscriptionId;
      socket.subscriptions.put(subscriptionId, this);
      if (ended.get()) {
        socket.subscriptions.remove(subscriptionId);
      }
    }

    void notify(JsonNode result) {
      if (!ended.get()) {
        onNotification.accept(result);
      }
    }

    void end(RpcFailure failure) {
      if (ended.compareAndSet(false, true)) {
        onEnd.accept(failure);
      }
    }

    @Override
    public boolean ended() {
      return ended.get();
    }

    /** Ends the subscription and asks the node, in the background, to stop sending its notifications. */
    @Override
    public void close() {
      String subscribed = id;
      if (ended.compareAndSet(false, true) && subscribed != null && socket.subscriptions.remove(subscribed) != null
          && socket.isOpen()) {
        Thread.ofVirtual().name("unsubscribe-" + endpoint.chainId()).start(() -> unsubscribe(socket, subscribed));
      }
    }
  }
}
