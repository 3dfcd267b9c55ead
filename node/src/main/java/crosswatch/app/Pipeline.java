package crosswatch.app;

import crosswatch.chain.ChainConnection;
import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.ChainSettings;
import crosswatch.chain.ChainState;
import crosswatch.chain.LogScanner;
import crosswatch.chain.StartBlock;
import crosswatch.judge.AccessLists;
import crosswatch.judge.InitiatingBlocks;
import crosswatch.judge.Judging;
import crosswatch.metrics.JudgeMeters;
import crosswatch.protocol.DependencySet;
import crosswatch.store.ChainHeads;
import crosswatch.store.CheckpointStore;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wires chain access, scanning and judging for every configured chain: one scanner per chain, one judge per
 * initiating chain, all writing through the message store. {@link #start()} returns at once: a chain that cannot
 * be reached is retried in the background and shown disconnected meanwhile, while the others are watched.
 */
public final class Pipeline implements AutoCloseable {
  private final List<ChainConnection> connections = new ArrayList<>();
  private final List<LogScanner> scanners = new ArrayList<>();
  private final Judging judging;
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
        new ChainHeads(new ConcurrentHashMap<>()), Judging.DEFAULT_SWEEP);
  }

  /**
   * @param heads where chains' latest, safe and finalized heads are shared
   * @param sweepInterval how often messages not yet final are looked at again
   */
  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName,
                  ChainSettings settings, ChainHeads heads, Duration sweepInterval) {
    var blocks = new LinkedHashMap<Long, InitiatingBlocks>();
    var accessLists = new LinkedHashMap<Long, AccessLists>();
    for (ChainEndpoint chain : chains) {
      var connection = new ChainConnection(chain, settings, registry);
      connections.add(connection);
      scanners.add(new LogScanner(connection, startBlocks.getOrDefault(chain.chainId(), StartBlock.LATEST),
          settings, checkpoints, registry));
      blocks.put(chain.chainId(), connection.initiatingBlocks());
      accessLists.put(chain.chainId(), connection.accessLists());
    }
    var meters = new JudgeMeters(registry, blocks.keySet());
    this.judging = new Judging(blocks, accessLists, dependencies, store, new HybridClock(nodeName), meters, heads,
        sweepInterval);
  }

  /** Starts judging (resuming pending messages), then one scanner per chain; returns without waiting for RPCs. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("pipeline already started");
    }
    started = true;
    judging.start();
    scanners.forEach(s -> s.start(judging));
  }

  /** How each chain is followed, in configuration order. */
  public List<ChainState> chains() {
    return scanners.stream().map(LogScanner::state).toList();
  }

  /** Stops the scanners (last started first), then judging, waiting for their threads; then closes connections. */
  @Override
  public synchronized void close() {
    scanners.reversed().forEach(LogScanner::close);
    judging.close();
    connections.reversed().forEach(ChainConnection::close);
  }
}
