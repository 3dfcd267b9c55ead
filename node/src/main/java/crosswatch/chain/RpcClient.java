package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.RpcMeters;
import crosswatch.metrics.RpcOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Sends one endpoint's round trips with bounded retries, backoff and jitter, reads each answer strictly, counts and
 * times every attempt, and keeps the endpoint's {@link EndpointHealth}. A rate limit is waited out (as long as the
 * node asked, when it said) and the same request asked again; an endpoint serving another chain fails at once. What
 * still fails after the last attempt is a {@link ChainUnavailable}.
 */
final class RpcClient implements RpcCaller {
  private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

  /** Reads the answers of one round trip, in request order. */
  @FunctionalInterface
  interface Reader<T> {
    T read(List<Response<?>> answers) throws RpcFailure;
  }

  /** What the attempts so far say; replaced whole, so that {@link #health()} reads one consistent value. */
  private record Seen(boolean ok, Optional<String> lastError, Optional<Instant> lastErrorAt,
                      Optional<Instant> lastOkAt, OptionalLong wrongChainId) {
    static final Seen NOTHING = new Seen(false, Optional.empty(), Optional.empty(), Optional.empty(),
        OptionalLong.empty());

    Seen succeeded(Instant at) {
      return new Seen(true, Optional.empty(), lastErrorAt, Optional.of(at), OptionalLong.empty());
    }

    Seen failed(RpcFailure failure, Instant at) {
      return new Seen(false, Optional.of(failure.getMessage()), Optional.of(at), lastOkAt,
          failure.servedChainId());
    }
  }

  private final ChainEndpoint endpoint;
  private final Transport transport;
  private final ChainSettings settings;
  private final RpcMeters meters;
  /** Start times (System.nanoTime) of the attempts waiting for an answer. */
  private final Map<Object, Long> inFlight = new ConcurrentHashMap<>();
  /** No attempt starts before this System.nanoTime, after a node asked us to wait. */
  private final AtomicLong notBefore = new AtomicLong(System.nanoTime());
  private volatile Seen seen = Seen.NOTHING;

  RpcClient(ChainEndpoint endpoint, Transport transport, ChainSettings settings, RpcMeters meters) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.settings = settings;
    this.meters = meters;
  }

  @Override
  public long chainId() {
    return endpoint.chainId();
  }

  ChainEndpoint endpoint() {
    return endpoint;
  }

  /** The endpoint's health now: a call waiting longer than the request timeout counts as disconnected. */
  EndpointHealth health() {
    Seen now = seen;
    long limit = System.nanoTime() - settings.requestTimeout().toNanos();
    boolean hanging = inFlight.values().stream().anyMatch(start -> start - limit < 0);
    return new EndpointHealth(endpoint.display(), now.ok() && !hanging, now.lastError(), now.lastErrorAt(),
        now.lastOkAt(), now.wrongChainId());
  }

  @Override
  public <T> T call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws ChainUnavailable {
    return call(requests, reader, false);
  }

  /**
   * Like {@link #call}, but a refusal (error object or timeout) is not retried: the caller asks for less instead.
   * A rate limit is no refusal: it is waited out.
   */
  @Override
  public <T> T callOrRefuse(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws ChainUnavailable {
    return call(requests, reader, true);
  }

  private <T> T call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader, boolean refusalEnds)
      throws ChainUnavailable {
    List<String> methods = requests.stream().map(Request::getMethod).toList();
    RpcFailure last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (!pause(attempt == 1 ? Duration.ZERO : delay(attempt - 1, last))) {
        break;
      }
      var token = new Object();
      long start = System.nanoTime();
      inFlight.put(token, start);
      try {
        T value = attempt(requests, reader);
        meters.record(methods, RpcOutcome.OK, System.nanoTime() - start);
        seen = seen.succeeded(Instant.now());
        return value;
      } catch (RpcFailure e) {
        meters.record(methods, e.kind().outcome(), System.nanoTime() - start);
        seen = seen.failed(e, Instant.now());
        last = e;
        log.debug("rpc attempt failed chainId={} rpc={} methods={} attempt={} outcome={} error={}",
            chainId(), endpoint.display(), methods, attempt, e.kind().outcome().label(), e.getMessage());
        e.retryAfter().ifPresent(this::holdOff);
        if (e.kind() == RpcFailure.Kind.WRONG_CHAIN || refusalEnds && e.kind().isRefusal()) {
          break;
        }
      } finally {
        inFlight.remove(token);
      }
    }
    throw new ChainUnavailable(chainId(), methods + " failed at " + endpoint.display() + ": "
        + (last == null ? "interrupted" : last.getMessage()), last);
  }

  private <T> T attempt(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws RpcFailure {
    List<Response<?>> answers = transport.send(requests);
    if (answers.size() != requests.size()) {
      throw RpcFailure.garbled(answers.size() + " answers to " + requests.size() + " requests");
    }
    return reader.read(answers);
  }

  /** The wait before the next attempt: the backoff, or longer when the node asked for a longer one. */
  private Duration delay(int failures, RpcFailure last) {
    Duration backoff = settings.retry().delay(failures, ThreadLocalRandom.current());
    return last.retryAfter().filter(asked -> asked.compareTo(backoff) > 0).orElse(backoff);
  }

  /** Every caller of this endpoint waits this long before its next attempt. */
  private void holdOff(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    notBefore.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
  }

  /** Waits at least {@code minimum} and until the endpoint's hold-off ends; false when interrupted. */
  private boolean pause(Duration minimum) {
    long wait = Math.max(minimum.toNanos(), notBefore.get() - System.nanoTime());
    if (wait <= 0) {
      return true;
    }
    try {
      Thread.sleep(Duration.ofNanos(wait));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a failure was the node refusing a request too large for it. */
  static boolean refused(ChainUnavailable e) {
    return e.getCause() instanceof RpcFailure f && f.kind().isRefusal();
  }

  @Override
  public void close() {
    transport.close();
  }
}
