package crosswatch.chain;

import crosswatch.judge.Backoff;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Sends one endpoint's round trips with bounded retries, backoff and jitter, reads each answer strictly, counts and
 * times every attempt, and keeps the endpoint's {@link EndpointHealth}. A rate limit is waited out by every caller
 * of the endpoint (as long as the node asked, when it said; else a growing wait), and while it lasts one call at a
 * time asks again: a node that limits us sees one request per wait, not one per caller. An endpoint serving another
 * chain fails at once. What still fails after the last attempt is a {@link ChainUnavailable}.
 */
final class RpcClient implements RpcCaller {
  private static final Logger log = LoggerFactory.getLogger(RpcClient.class);
  /** The wait after a rate limit that named none, doubling while the limit lasts. */
  static final Backoff UNNAMED_LIMIT = new Backoff(Duration.ofSeconds(1), RetryAfter.MAX);

  /**
   * What a call returned, and how long the round trip that answered took: waits before it and failed attempts are
   * not counted, so that it tells how fast the node answers, not how long it made us wait.
   */
  record Answer<T>(T value, Duration took) {}

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
  /** Rate limits in a row (the wait after one that named none grows with them); 0 once an attempt succeeds. */
  private final AtomicInteger limitedInRow = new AtomicInteger();
  /** Held by the one call that asks a rate-limited endpoint again; the others wait for its answer. */
  private final ReentrantLock asking = new ReentrantLock();
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
    if (hanging && now.lastError().isEmpty()) {
      // The hanging call has not failed yet (its timeout error may be a moment away): say so already, so that a
      // chain shown disconnected always says why.
      return new EndpointHealth(endpoint.display(), false,
          Optional.of(RpcFailure.timeout(settings.requestTimeout()).getMessage()), Optional.of(Instant.now()),
          now.lastOkAt(), now.wrongChainId());
    }
    return new EndpointHealth(endpoint.display(), now.ok() && !hanging, now.lastError(), now.lastErrorAt(),
        now.lastOkAt(), now.wrongChainId());
  }

  @Override
  public <T> T call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws ChainUnavailable {
    return call(requests, reader, false).value();
  }

  /**
   * Like {@link #call}, but a refusal (error object or timeout) is not retried: the caller asks for less instead.
   * A rate limit is no refusal: it is waited out.
   */
  @Override
  public <T> Answer<T> callOrRefuse(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader)
      throws ChainUnavailable {
    return call(requests, reader, true);
  }

  /** {@link #call} or {@link #callOrRefuse}: every attempt this endpoint allows a call, waits between. */
  <T> Answer<T> call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader, boolean refusalEnds)
      throws ChainUnavailable {
    RpcFailure last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      if (!pause(attempt == 1 ? Duration.ZERO : delay(attempt - 1, last))) {
        break;
      }
      try {
        return attempt(requests, reader);
      } catch (RpcFailure e) {
        last = e;
        if (e.kind() == RpcFailure.Kind.WRONG_CHAIN || refusalEnds && e.kind().isRefusal()) {
          break;
        }
      }
    }
    throw unavailable(requests, last);
  }

  /**
   * One attempt, counted, timed and kept in the endpoint's health. While the endpoint is held off after a rate
   * limit it first waits for its turn (one call at a time asks again, once the wait is over).
   */
  <T> Answer<T> attempt(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws RpcFailure {
    List<String> methods = requests.stream().map(Request::getMethod).toList();
    boolean turn = takeTurn();
    if (Thread.currentThread().isInterrupted()) {
      if (turn) {
        asking.unlock();
      }
      throw RpcFailure.io("interrupted");
    }
    var token = new Object();
    long start = System.nanoTime();
    inFlight.put(token, start);
    try {
      List<Response<?>> answers = transport.send(requests);
      if (answers.size() != requests.size()) {
        throw RpcFailure.garbled(answers.size() + " answers to " + requests.size() + " requests");
      }
      T value = reader.read(answers);
      long took = System.nanoTime() - start;
      meters.record(methods, RpcOutcome.OK, took);
      seen = seen.succeeded(Instant.now());
      limitedInRow.set(0);
      return new Answer<>(value, Duration.ofNanos(took));
    } catch (RpcFailure e) {
      meters.record(methods, e.kind().outcome(), System.nanoTime() - start);
      seen = seen.failed(e, Instant.now());
      log.debug("rpc attempt failed chainId={} rpc={} methods={} outcome={} error={}", chainId(),
          endpoint.display(), methods, e.kind().outcome().label(), e.getMessage());
      if (e.kind() == RpcFailure.Kind.RATE_LIMITED) {
        int inRow = limitedInRow.incrementAndGet();
        holdOff(e.retryAfter().orElseGet(() -> UNNAMED_LIMIT.delay(inRow, ThreadLocalRandom.current())));
      }
      throw e;
    } finally {
      inFlight.remove(token);
      if (turn) {
        asking.unlock();
      }
    }
  }

  /** What a call that failed here throws; {@code last} is its last attempt's failure, null when none was made. */
  ChainUnavailable unavailable(List<Request<?, ? extends Response<?>>> requests, RpcFailure last) {
    return new ChainUnavailable(chainId(), requests.stream().map(Request::getMethod).toList() + " failed at "
        + endpoint.display() + ": " + (last == null ? "interrupted" : last.getMessage()), last);
  }

  /** Whether the endpoint asked us to wait (a rate limit) and the wait is not over. */
  boolean heldOff() {
    return notBefore.get() - System.nanoTime() > 0;
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

  /**
   * While the endpoint is held off after a rate limit, waits until this call may ask it again: one call at a time,
   * each once the wait is over. True when this call holds the turn (and must give it back); false when it may go
   * anyway (no rate limit, or the turn before succeeded) or was interrupted.
   */
  private boolean takeTurn() {
    if (limitedInRow.get() == 0) {
      return false;
    }
    try {
      asking.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (limitedInRow.get() > 0 && pause(Duration.ZERO)) {
      return true;
    }
    asking.unlock();
    return false;
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
