package crosswatch.chain;

import crosswatch.metrics.RpcMeters;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * JSON-RPC over http(s) through the JDK's http client. Each round trip (connect included) is bounded by the
 * request timeout. The chain id is asked at first use and again after any IO failure or timeout, before the next
 * answer is trusted: behind a load balancer, a new connection may reach another node. That check has a timeout of
 * its own, so that a slow node is not failed for answering two calls in the time of one.
 */
final class HttpTransport implements Transport {
  /** Statuses of gateways and overloaded servers: the node was not reached, whatever the body says. */
  private static final List<Integer> UNAVAILABLE = List.of(502, 503, 504);

  private final ChainEndpoint endpoint;
  private final WireAddress address;
  private final Duration timeout;
  private final RpcMeters meters;
  private final ChainIdGuard guard;
  private final HttpClient client;
  private final AtomicLong ids = new AtomicLong();
  private final ReentrantLock checking = new ReentrantLock();
  private volatile boolean checked;

  HttpTransport(ChainEndpoint endpoint, ChainSettings settings, RpcMeters meters) {
    this.endpoint = endpoint;
    this.address = WireAddress.of(endpoint);
    this.timeout = settings.requestTimeout();
    this.meters = meters;
    this.guard = new ChainIdGuard(endpoint, settings.reconnect(), meters);
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  @Override
  public List<Response<?>> send(List<Request<?, ? extends Response<?>>> requests) throws RpcFailure {
    guard.beforeConnecting();
    if (!checked) {
      checkChainId(System.nanoTime() + timeout.toNanos());
    }
    try {
      return exchange(requests, System.nanoTime() + timeout.toNanos());
    } catch (RpcFailure e) {
      if (e.kind().isConnectionFailure()) {
        checked = false;
      }
      throw e;
    }
  }

  /** One {@code eth_chainId} for all callers that found the chain id unchecked. */
  private void checkChainId(long deadline) throws RpcFailure {
    try {
      if (!checking.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw RpcFailure.timeout(timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RpcFailure.io("interrupted");
    }
    try {
      if (checked) {
        return;
      }
      guard.check(OwnCall.counted(meters, "eth_chainId",
          () -> RpcAnswers.quantity(exchange(List.of(RpcRequests.chainId()), deadline).getFirst())));
      checked = true;
    } finally {
      checking.unlock();
    }
  }

  private List<Response<?>> exchange(List<Request<?, ? extends Response<?>>> requests, long deadline)
      throws RpcFailure {
    var exchange = new JsonRpcCodec.Exchange(requests,
        requests.stream().map(r -> ids.incrementAndGet()).toList());
    HttpResponse<String> answer = post(exchange.encode(), deadline);
    int status = answer.statusCode();
    if (status == 429) {
      throw RpcFailure.rateLimited("http 429", RetryAfter.parse(answer.headers().firstValue("Retry-After")));
    }
    if (UNAVAILABLE.contains(status)) {
      throw RpcFailure.io("http " + status);
    }
    try {
      return JsonRpcCodec.answers(exchange, JsonRpcCodec.parse(answer.body()));
    } catch (RpcFailure e) {
      // Some nodes send error objects with 4xx/5xx statuses; any other body of such a status is no answer.
      throw status / 100 == 2 ? e : RpcFailure.io("http " + status);
    }
  }

  private HttpResponse<String> post(String body, long deadline) throws RpcFailure {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      throw RpcFailure.timeout(timeout);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(address.target())
        .timeout(Duration.ofNanos(remaining))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    address.authorization().ifPresent(a -> request.header("Authorization", a));
    HttpRequest built = request.build();
    // The blocking send, on a thread of its own: the client's asynchronous one completes through the common
    // fork-join pool, and would stall while anything else in the process keeps that pool busy.
    var answer = new FutureTask<>(() -> client.send(built, HttpResponse.BodyHandlers.ofString()));
    Thread sending = Thread.ofVirtual().name("rpc-" + endpoint.chainId()).start(answer);
    try {
      // The client's own timeout ends at the response headers; this one bounds the body as well.
      return answer.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      sending.interrupt();
      throw RpcFailure.timeout(timeout);
    } catch (InterruptedException e) {
      sending.interrupt();
      Thread.currentThread().interrupt();
      throw RpcFailure.io("interrupted");
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    }
  }

  /** The JDK's exceptions, told apart by type only: their messages are not ours to show. */
  private RpcFailure failure(Throwable cause) {
    return switch (cause) {
      case HttpConnectTimeoutException e -> RpcFailure.timeout(timeout);
      case HttpTimeoutException e -> RpcFailure.timeout(timeout);
      case ConnectException e -> RpcFailure.io("cannot connect");
      case IOException e -> RpcFailure.io("connection lost");
      default -> RpcFailure.io("connection failed");
    };
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  @Override
  public String toString() {
    return "HttpTransport[" + endpoint.display() + "]";
  }
}
