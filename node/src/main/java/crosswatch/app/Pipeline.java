package crosswatch.app;

import crosswatch.chain.ChainConnection;
import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.ChainSettings;
import crosswatch.chain.ChainState;
import crosswatch.chain.LogScanner;
import crosswatch.chain.StartBlock;
import crosswatch.judge.AccessLists;
import crosswatch.judge.ExecutingLogs;
import crosswatch.judge.InitiatingBlocks;
import crosswatch.judge.Judging;
import crosswatch.metrics.JudgeMeters;
import crosswatch.protocol.DependencySet;
import crosswatch.store.ChainHeads;
import crosswatch.store.CheckpointStore;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires chain access, scanning and judging for every configured chain: one scanner per chain, one judge per
 * initiating chain, all writing through the message store. {@link #start()} returns at once: a chain that cannot
 * be reached is retried in the background and shown disconnected meanwhile, while the others are watched.
 *
 * <p>In a cluster each chain is watched by its owners only ({@link #own}): its scanner runs there, and so does the
 * judging of the messages initiated on it, since judging waits for that chain to be scanned past each message's
 * initiating block. A new owner resumes from the shared checkpoint.
 */
public final class Pipeline implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final List<ChainConnection> connections = new ArrayList<>();
  private final Map<Long, LogScanner> scanners = new LinkedHashMap<>();
  private final LongFunction<Optional<StartBlock>> coldStarts;
  private final Judging judging;
  private final Set<Long> owned = new TreeSet<>();
  private boolean started;

  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName) {
    this(chains, startBlocks, dependencies, store, checkpoints, registry, nodeName, ChainSettings.DEFAULTS);
  }

  /** @param settings RPC timeouts, retries, polling and log ranges (tests shorten them) */
  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName,
                  ChainSettings settings) {
    this(chains, startBlocks, dependencies, store, checkpoints, registry, nodeName, settings,
        new ChainHeads(new ConcurrentHashMap<>()), Judging.DEFAULT_SWEEP, id -> Optional.empty());
  }

  /** A pipeline whose chains without a checkpoint begin at their configured start blocks. */
  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName,
                  ChainSettings settings, ChainHeads heads, Duration sweepInterval) {
    this(chains, startBlocks, dependencies, store, checkpoints, registry, nodeName, settings, heads, sweepInterval,
        id -> Optional.empty());
  }

  /** A pipeline with heads kept in this process and the default sweep. */
  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName,
                  ChainSettings settings, LongFunction<Optional<StartBlock>> coldStarts) {
    this(chains, startBlocks, dependencies, store, checkpoints, registry, nodeName, settings,
        new ChainHeads(new ConcurrentHashMap<>()), Judging.DEFAULT_SWEEP, coldStarts);
  }

  /**
   * @param heads where chains' latest, safe and finalized heads are shared
   * @param sweepInterval how often messages not yet final are looked at again
   * @param coldStarts where a chain without any checkpoint begins when it is known better than its configured
   *     start block (a cluster restarted after losing its shared state resumes from the lowest of its replicas'
   *     safe points)
   */
  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName,
                  ChainSettings settings, ChainHeads heads, Duration sweepInterval,
                  LongFunction<Optional<StartBlock>> coldStarts) {
    this.coldStarts = coldStarts;
    var blocks = new LinkedHashMap<Long, InitiatingBlocks>();
    var accessLists = new LinkedHashMap<Long, AccessLists>();
    var executingLogs = new LinkedHashMap<Long, ExecutingLogs>();
    var byChain = new LinkedHashMap<Long, List<ChainEndpoint>>();
    chains.forEach(e -> byChain.computeIfAbsent(e.chainId(), id -> new ArrayList<>()).add(e));
    byChain.forEach((chainId, endpoints) -> {
      var connection = new ChainConnection(endpoints, settings, registry);
      connections.add(connection);
      scanners.put(chainId, new LogScanner(connection, startBlocks.getOrDefault(chainId, StartBlock.LATEST),
          settings, checkpoints, registry));
      blocks.put(chainId, connection.initiatingBlocks());
      accessLists.put(chainId, connection.accessLists());
      if (endpoints.size() > 1) {
        executingLogs.put(chainId, connection.executingLogs());
      }
    });
    var meters = new JudgeMeters(registry, blocks.keySet());
    this.judging = new Judging(blocks, accessLists, executingLogs, dependencies, store, new HybridClock(nodeName),
        meters, heads, sweepInterval);
  }

  /** Watches every chain, as a replica alone does; returns without waiting for RPCs. */
  public synchronized void start() {
    start(scanners.keySet());
  }

  /** Watches the chains given (those this replica owns); {@link #own} changes them later. */
  public synchronized void start(Collection<Long> chainIds) {
    if (started) {
      throw new IllegalStateException("pipeline already started");
    }
    started = true;
    judging.startChecksAndSweep();
    own(chainIds);
  }

  /**
   * Watches exactly {@code chainIds} from now on: stops scanning and judging the chains no longer owned (their
   * pending messages stay in the store for the new owner), then starts the newly owned ones, judging first so
   * that it hears the scanner's first block.
   */
  public synchronized void own(Collection<Long> chainIds) {
    if (!started) {
      return;
    }
    var next = new TreeSet<>(chainIds);
    next.retainAll(scanners.keySet());
    for (long lost : owned.stream().filter(id -> !next.contains(id)).toList()) {
      scanners.get(lost).close();
      judging.disown(lost);
      owned.remove(lost);
      log.info("chain released chainId={}", lost);
    }
    for (long gained : next.stream().filter(id -> !owned.contains(id)).toList()) {
      judging.own(gained);
      LogScanner scanner = scanners.get(gained);
      coldStarts.apply(gained).ifPresentOrElse(from -> scanner.start(judging, from), () -> scanner.start(judging));
      owned.add(gained);
      log.info("chain taken chainId={}", gained);
    }
  }

  /** The chains watched here. */
  public synchronized Set<Long> owned() {
    return Set.copyOf(owned);
  }

  /**
   * Pending messages another replica stored or made pending again, or a healed partition brought: judged if their
   * initiating chain is owned here.
   */
  public void stored(Collection<MessageRecord> records) {
    judging.stored(records);
  }

  /** How each chain is followed, in configuration order; a chain watched by another replica shows no progress. */
  public synchronized List<ChainState> chains() {
    return scanners.entrySet().stream()
        .map(e -> owned.contains(e.getKey()) ? e.getValue().state() : notWatched(e.getValue().state()))
        .toList();
  }

  private static ChainState notWatched(ChainState last) {
    return new ChainState(last.chainId(), last.rpc(), false, OptionalLong.empty(), OptionalLong.empty(),
        Optional.empty(), Optional.empty(), List.of(), last.activeEndpoint());
  }

  /** Stops the scanners (last started first), then judging, waiting for their threads; then closes connections. */
  @Override
  public synchronized void close() {
    scanners.values().stream().toList().reversed().forEach(LogScanner::close);
    owned.clear();
    judging.close();
    connections.reversed().forEach(ChainConnection::close);
  }
}
