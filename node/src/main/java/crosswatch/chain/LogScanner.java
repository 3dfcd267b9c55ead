package crosswatch.chain;

import crosswatch.judge.ChainEvents;
import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.Worker;
import crosswatch.metrics.ChainMeters;
import crosswatch.store.CheckpointStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one chain on its own virtual thread: finds every executing message from the checkpoint on, keeps up
 * with the head, and keeps retrying (with growing pauses) while the chain's RPC fails, without affecting any other
 * chain.
 */
public final class LogScanner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LogScanner.class);

  private final ChainConnection connection;
  private final long chainId;
  private final StartBlock start;
  private final ChainSettings settings;
  private final CheckpointStore checkpoints;
  private final ChainMeters meters;
  private final ChainRpc rpc;
  private final HeadSource heads;
  private final HeadTracker headTracker;
  private volatile BlockScanner scanner;
  private volatile boolean connected;
  private volatile String lastError;
  private volatile Instant lastErrorAt;
  private Worker worker;
  private StartBlock from;
  // Confined to the worker.
  private boolean begun;
  private int failures;

  public LogScanner(ChainConnection connection, StartBlock start, ChainSettings settings,
                    CheckpointStore checkpoints, MeterRegistry registry) {
    this.connection = connection;
    this.chainId = connection.chainId();
    this.start = start;
    this.settings = settings;
    this.checkpoints = checkpoints;
    this.meters = new ChainMeters(registry, chainId, this::connected);
    this.rpc = connection.rpc();
    this.heads = connection.heads();
    this.headTracker = new HeadTracker(rpc, settings.safeHeadsInterval());
  }

  /** Starts scanning in the background and returns at once, whether or not the chain can be reached. */
  public synchronized void start(ChainEvents events) {
    start(events, start);
  }

  /** {@link #start(ChainEvents)}, beginning at {@code from} instead of the configured start when no checkpoint exists. */
  public synchronized void start(ChainEvents events, StartBlock from) {
    if (worker != null) {
      throw new IllegalStateException("already started: chainId=" + chainId);
    }
    scanner = new BlockScanner(rpc, events, checkpoints, meters, settings, connection.scannedHeaders(),
        connection.secondOpinion());
    this.from = from;
    begun = false;
    failures = 0;
    worker = Worker.start("scanner-" + chainId, this::scanStep);
    headTracker.start(events);
  }

  /**
   * One step of the scan; a failure marks the chain down and waits (longer each time) before the next, unless it made
   * another endpoint active that has not failed in this run of failures: that one is tried at once.
   */
  private void scanStep() throws InterruptedException {
    int activeBefore = connection.activeIndex();
    try {
      if (!begun) {
        scanner.begin(from);
        begun = true;
      } else if (scanner.caughtUp()) {
        List<HeadSource.Seen> seen = heads.next();
        scanner.observe(seen);
        headTracker.latest(seen.getLast().header());
      } else {
        scanner.step();
      }
      up();
      failures = 0;
    } catch (ChainUnavailable | RuntimeException e) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      failures++;
      down(e, failures);
      boolean failedOver = connection.activeIndex() != activeBefore;
      if (!failedOver || failures >= connection.endpoints().size()) {
        Thread.sleep(settings.reconnect().delay(failures, ThreadLocalRandom.current()));
      }
    }
  }

  private void up() {
    if (!connected) {
      log.info("chain connected chainId={} rpc={}", chainId, connection.active().display());
    }
    connected = true;
    lastError = null;
  }

  private void down(Exception e, int failures) {
    connected = false;
    lastError = e.getMessage();
    lastErrorAt = Instant.now();
    if (e instanceof ChainUnavailable) {
      log.warn("chain unavailable chainId={} rpc={} failures={} error={}", chainId, connection.active().display(),
          failures, e.getMessage());
    } else {
      log.error("scanning failed chainId={} rpc={} failures={}", chainId, connection.active().display(), failures, e);
    }
  }

  /**
   * Whether the chain's RPC answers now: the scanner's last step succeeded and some endpoint is connected. An
   * endpoint that stopped answering shows within the request timeout, long before the scanner's retries give up.
   */
  private boolean connected() {
    return connected && connection.health().stream().anyMatch(EndpointHealth::connected);
  }

  public ChainState state() {
    BlockScanner current = scanner;
    OptionalLong head = OptionalLong.empty();
    OptionalLong scanned = OptionalLong.empty();
    if (current != null && current.head() != null) {
      head = OptionalLong.of(current.head().number());
    }
    if (current != null && current.cursor() != null && current.cursor().number() >= 0) {
      scanned = OptionalLong.of(current.cursor().number());
    }
    List<EndpointHealth> endpoints = connection.health();
    boolean answering = endpoints.stream().anyMatch(EndpointHealth::connected);
    Optional<String> error = Optional.ofNullable(lastError);
    Optional<Instant> errorAt = Optional.ofNullable(lastErrorAt);
    if (error.isEmpty() && !answering) {
      // The scanner has not given up yet (it may be waiting out a hang): the active endpoint says why.
      EndpointHealth active = endpoints.get(connection.activeIndex());
      error = active.lastError();
      errorAt = active.lastError().isPresent() ? active.lastErrorAt() : errorAt;
    }
    return new ChainState(chainId, connection.active().display(), connected && answering, head, scanned, error,
        errorAt, endpoints, connection.activeIndex());
  }

  /**
   * Stops following heads and scanning, waiting for the threads; the connection stays open for its other users.
   * A later {@link #start} resumes from the checkpoint (another replica may have moved it meanwhile).
   */
  @Override
  public void close() {
    headTracker.close();
    Worker running;
    synchronized (this) {
      running = worker;
      worker = null;
    }
    if (running != null) {
      running.stop(settings.requestTimeout().plus(Duration.ofSeconds(1)));
    }
  }
}
