package crosswatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What the scanner of one chain reports: whether its RPC answers, how far the head and the scan are, how fresh the
 * last scanned block is, and how many reorgs it met. Gauges read values the scanner sets or tells; nothing is
 * computed here.
 * The head itself is exported by {@link StoreGauges}, from the shared heads, so every replica shows the same.
 */
public final class ChainMeters {
  private static final long UNKNOWN = -1;

  private final AtomicLong head = new AtomicLong(UNKNOWN);
  private final AtomicLong scanned = new AtomicLong(UNKNOWN);
  private final AtomicLong scannedBlockTime = new AtomicLong(UNKNOWN);
  private final Counter reorgs;
  private final Counter unverified;
  private final Counter headWentBack;
  private final Counter disagreements;

  /** @param connected whether the chain's RPC answers now, read at each scrape */
  public ChainMeters(MeterRegistry registry, long chainId, BooleanSupplier connected) {
    String id = Long.toString(chainId);
    Gauge.builder(Meters.CHAIN_CONNECTED, connected, c -> c.getAsBoolean() ? 1 : 0)
        .description(Meters.CHAIN_CONNECTED_HELP)
        .tag(Meters.CHAIN_ID, id)
        .strongReference(true)
        .register(registry);
    gauge(registry, Meters.CHAIN_SCANNED, Meters.CHAIN_SCANNED_HELP, id, scanned, null);
    gauge(registry, Meters.CHAIN_SCANNED_BLOCK_TIMESTAMP, Meters.CHAIN_SCANNED_BLOCK_TIMESTAMP_HELP, id,
        scannedBlockTime,
        "seconds");
    Gauge.builder(Meters.CHAIN_BEHIND, this, ChainMeters::behind)
        .description(Meters.CHAIN_BEHIND_HELP)
        .tag(Meters.CHAIN_ID, id)
        .register(registry);
    reorgs = Counter.builder(Meters.REORGS).description(Meters.REORGS_HELP).tag(Meters.CHAIN_ID, id)
        .register(registry);
    unverified = Counter.builder(Meters.RPC_UNVERIFIED_ANSWERS).description(Meters.RPC_UNVERIFIED_ANSWERS_HELP)
        .tag(Meters.CHAIN_ID, id).register(registry);
    // The judge counts into the same series (one meter per id in a registry): one count of endpoints disagreeing.
    disagreements = Counter.builder(Meters.RPC_DISAGREEMENTS).description(Meters.RPC_DISAGREEMENTS_HELP)
        .tag(Meters.CHAIN_ID, id).register(registry);
    headWentBack = Counter.builder(Meters.HEAD_WENT_BACK).description(Meters.HEAD_WENT_BACK_HELP)
        .tag(Meters.CHAIN_ID, id).register(registry);
  }

  /** The chain's RPC reported a head below the blocks already scanned: a lagging node, not a reorg by itself. */
  public void headWentBack() {
    headWentBack.increment();
  }

  /** An answer about the chain's logs that its headers' blooms contradicted (a lagging or lying node). */
  public void unverified() {
    unverified.increment();
  }

  /** Another endpoint held other inbox logs for a block than the one that answered: the block is not passed. */
  public void disagreed() {
    disagreements.increment();
  }

  public void head(long number) {
    head.set(number);
  }

  public void scanned(long number, long blockTimestamp) {
    scanned.set(number);
    scannedBlockTime.set(blockTimestamp);
  }

  public void reorg() {
    reorgs.increment();
  }

  private double behind() {
    long h = head.get();
    long s = scanned.get();
    return h == UNKNOWN || s == UNKNOWN ? Double.NaN : Math.max(0, h - s);
  }

  private static void gauge(MeterRegistry registry, String name, String help, String chainId, AtomicLong value,
                            String unit) {
    Gauge.builder(name, value, v -> v.get() == UNKNOWN ? Double.NaN : v.get())
        .description(help)
        .baseUnit(unit)
        .tag(Meters.CHAIN_ID, chainId)
        .strongReference(true)
        .register(registry);
  }
}
