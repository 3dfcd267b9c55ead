package crosswatch.devnet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every chain busy: per chain and tick, one transaction of initiating logs and one of executing messages
 * pointing at logs of every chain (itself included), about one in {@link TrafficSettings#invalidEvery()}
 * deliberately invalid, cycling through the reasons that need no node configuration. One virtual thread per
 * chain; one log line per batch.
 *
 * <p>Expired messages point at logs made when the chains start, which is why the chains must begin more than the
 * expiry window in the past ({@link #chainSpecs}); {@link #start} then moves their clocks to the present.
 */
public final class Traffic implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Traffic.class);
  private static final long HISTORY_SECONDS = Broken.EXPIRY_WINDOW_SECONDS + Duration.ofDays(1).toSeconds();
  private static final int RECENT_LOGS_PER_CHAIN = 256;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final List<DevnetChain> chains;
  private final TrafficSettings settings;
  private final LogPool pool;
  private final MessageMix mix;
  private final Consumer<EmittedMessage> ledger;
  private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CountDownLatch stopping = new CountDownLatch(1);

  private Traffic(List<DevnetChain> chains, TrafficSettings settings, LogPool pool, MessageMix mix,
                  Consumer<EmittedMessage> ledger) {
    this.chains = List.copyOf(chains);
    this.settings = settings;
    this.pool = pool;
    this.mix = mix;
    this.ledger = ledger;
  }

  /** Chains for traffic: a block every second, beginning more than the expiry window ago. */
  public static List<ChainSpec> chainSpecs(long... chainIds) {
    long genesis = Instant.now().getEpochSecond() - HISTORY_SECONDS;
    return Arrays.stream(chainIds)
        .mapToObj(id -> ChainSpec.of(id).withBlockTime(1).withGenesisTimestamp(genesis))
        .toList();
  }

  /** Makes the old logs, moves every clock to the present (the last chain {@code lagSeconds} behind), starts. */
  public static Traffic start(List<DevnetChain> chains, TrafficSettings settings) {
    return start(chains, settings, message -> { });
  }

  /**
   * As {@link #start(List, TrafficSettings)}, handing every message to {@code ledger} with the verdict it deserves
   * once it is mined (from the chains' emitter threads, a batch's messages in log order).
   */
  public static Traffic start(List<DevnetChain> chains, TrafficSettings settings, Consumer<EmittedMessage> ledger) {
    long now = Instant.now().getEpochSecond();
    LogPool pool = new LogPool(chains.stream().map(DevnetChain::chainId).toList(), RECENT_LOGS_PER_CHAIN);
    RandomGenerator random = new SplittableRandom();
    for (DevnetChain chain : chains) {
      if (chain.latestBlock().timestamp() + Broken.EXPIRY_WINDOW_SECONDS + settings.lagSeconds() >= now) {
        throw new IllegalArgumentException("chain " + chain.chainId()
            + " began too recently for expired messages: start it with Traffic.chainSpecs");
      }
    }
    // All submitted before any is awaited: each waits for its chain's next block.
    List<String> ancientTxs = chains.stream()
        .map(chain -> chain.submitInitiatingBatch(RandomLogs.batch(random)))
        .toList();
    for (int i = 0; i < chains.size(); i++) {
      pool.addAncient(chains.get(i).chainId(), chains.get(i).initiatingLogs(ancientTxs.get(i)));
    }
    for (DevnetChain chain : chains) {
      boolean lagging = chain == chains.getLast() && chains.size() > 1;
      chain.setNextBlockTimestamp(now - (lagging ? settings.lagSeconds() : 0));
    }
    MessageMix mix = new MessageMix(settings.invalidEvery(), flaws(chains, settings));
    Traffic traffic = new Traffic(chains, settings, pool, mix, ledger);
    traffic.startThreads();
    log.info("traffic started chains={} tick={} invalidEvery={} laggingChainId={} lagSeconds={}",
        chains.stream().map(DevnetChain::chainId).toList(), settings.tick(), settings.invalidEvery(),
        chains.getLast().chainId(), settings.lagSeconds());
    return traffic;
  }

  // Initiated-after-executing needs a chain whose clock runs behind another's by more than the planner's margin.
  private static List<Flaw> flaws(List<DevnetChain> chains, TrafficSettings settings) {
    boolean lagEnough = chains.size() > 1 && settings.lagSeconds() > 2 * TrafficPlanner.MARGIN_SECONDS;
    return Arrays.stream(Flaw.values()).filter(f -> lagEnough || f != Flaw.INITIATED_AFTER_EXECUTING).toList();
  }

  private void startThreads() {
    for (DevnetChain chain : chains) {
      TrafficPlanner planner = new TrafficPlanner(mix, new SplittableRandom());
      threads.add(Thread.ofVirtual().name("traffic-" + chain.chainId()).start(() -> run(chain, planner)));
    }
  }

  /** Messages emitted so far: {@code valid} and each reason's wire name. */
  public Map<String, Long> emitted() {
    Map<String, Long> counts = new TreeMap<>();
    emitted.forEach((kind, count) -> counts.put(kind, count.sum()));
    return counts;
  }

  /**
   * Lets every chain finish the batch it is emitting, so that {@link #emitted()} matches the chains, and waits
   * for its thread; the chains keep running. Safe to call again.
   */
  public void stop() {
    stopping.countDown();
    for (Thread thread : threads) {
      try {
        if (!thread.join(STOP_TIMEOUT)) {
          log.warn("traffic thread still busy, interrupting it thread={}", thread.getName());
          thread.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void run(DevnetChain chain, TrafficPlanner planner) {
    RandomGenerator random = new SplittableRandom();
    while (!isStopping()) {
      long started = System.nanoTime();
      try {
        emitBatch(chain, planner, random);
      } catch (RuntimeException e) {
        if (isStopping()) {
          return;
        }
        log.warn("traffic batch failed chainId={} error={}", chain.chainId(), e.toString());
      }
      try {
        stopping.await(settings.tick().toNanos() - (System.nanoTime() - started), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** What a real executing transaction declares: every message's keys, duplicates removed as clients do. */
  private static List<String> accessList(List<ExecSpec> messages) {
    return messages.stream().flatMap(m -> m.accessListKeys().stream()).distinct().toList();
  }

  private boolean isStopping() {
    return stopping.getCount() == 0;
  }

  private void emitBatch(DevnetChain chain, TrafficPlanner planner, RandomGenerator random) {
    String initiatingTx = chain.submitInitiatingBatch(RandomLogs.batch(random));
    Emission emission = planner.plan(chain.latestBlock().timestamp(), pool.snapshot());
    Optional<String> executingTx = emission.executing().isEmpty()
        ? Optional.empty()
        : Optional.of(chain.submitExecuting(emission.executing(), accessList(emission.executing())));
    List<String> malformedTxs = emission.malformed().stream().map(chain::submitRawInboxLog).toList();

    List<InitiatingLog> initiating = chain.initiatingLogs(initiatingTx);
    pool.addRecent(chain.chainId(), initiating);
    Optional<ExecutingReceipt> executing = executingTx.map(chain::executingReceipt);
    List<ExecutingReceipt> malformed = malformedTxs.stream().map(chain::executingReceipt).toList();
    record(emission, executing, malformed);

    int invalid = emission.flaws().size();
    int valid = emission.executing().size() + emission.malformed().size() - invalid;
    count("valid", valid);
    emission.flaws().forEach(flaw -> count(flaw.reason(), 1));
    log.info("traffic batch chainId={} blockNumber={} initiating={} valid={} invalid={} reasons={}",
        chain.chainId(), executing.map(ExecutingReceipt::blockNumber).orElse(initiating.getFirst().blockNumber()),
        initiating.size(), valid, invalid, emission.flaws().stream().map(Flaw::reason).toList());
  }

  private void record(Emission emission, Optional<ExecutingReceipt> executing, List<ExecutingReceipt> malformed) {
    Instant minedAt = Instant.now();
    executing.ifPresent(receipt -> {
      for (int i = 0; i < emission.executing().size(); i++) {
        Flaw flaw = emission.executingFlaws().get(i);
        ledger.accept(message(receipt, receipt.logIndexes().get(i),
            emission.executing().get(i).chainId().longValueExact(), Optional.ofNullable(flaw), minedAt));
      }
    });
    for (int i = 0; i < malformed.size(); i++) {
      ledger.accept(message(malformed.get(i), malformed.get(i).logIndexes().getFirst(),
          emission.malformedChainIds().get(i), Optional.of(Flaw.MALFORMED_EVENT), minedAt));
    }
  }

  private static EmittedMessage message(ExecutingReceipt receipt, long logIndex, long initiatingChainId,
                                        Optional<Flaw> flaw, Instant minedAt) {
    return new EmittedMessage(receipt.chainId(), receipt.blockNumber(), receipt.blockHash().toLowerCase(),
        logIndex, initiatingChainId, flaw.map(Flaw::reason), minedAt);
  }

  private void count(String kind, long n) {
    if (n > 0) {
      emitted.computeIfAbsent(kind, k -> new LongAdder()).add(n);
    }
  }
}
