package crosswatch.metrics;

import crosswatch.store.ChainStatus;
import crosswatch.store.MessageCounts;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Gauges of what the shared records say, identical on every replica: message counts (every combination of
 * configured chains, status and safety, zeros included, so alerts see series before the first message), the age of
 * the oldest pending message, the chains' heads and how far each checkpoint trails. Counts are read from
 * {@link MessageCounts}, which follows store events: a scrape never walks the records.
 */
public final class StoreGauges implements MeterBinder {
  private static final List<String> LEVELS = List.of("latest", "safe", "finalized");

  private final List<Long> chainIds;
  private final MessageCounts counts;
  private final Supplier<List<ChainStatus>> chains;
  private final Clock clock;

  public StoreGauges(List<Long> chainIds, MessageCounts counts, Supplier<List<ChainStatus>> chains, Clock clock) {
    this.chainIds = List.copyOf(chainIds);
    this.counts = counts;
    this.chains = chains;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (long executing : chainIds) {
      for (String initiating : initiatingLabels()) {
        for (Status status : Status.values()) {
          for (Safety safety : Safety.values()) {
            Gauge.builder(Meters.MESSAGES, () -> count(executing, initiating, status, safety))
                .description(Meters.MESSAGES_HELP)
                .tag(Meters.EXECUTING_CHAIN_ID, Long.toString(executing))
                .tag(Meters.INITIATING_CHAIN_ID, initiating)
                .tag(Meters.STATUS, status.wireName())
                .tag(Meters.SAFETY, safety.wireName())
                .register(registry);
          }
        }
      }
      String id = Long.toString(executing);
      Gauge.builder(Meters.OLDEST_PENDING_AGE, () -> oldestPendingAge(executing))
          .description(Meters.OLDEST_PENDING_AGE_HELP).baseUnit("seconds").tag(Meters.EXECUTING_CHAIN_ID, id)
          .register(registry);
      for (String level : LEVELS) {
        chainGauge(Meters.CHAIN_HEAD, Meters.CHAIN_HEAD_HELP, null, executing, level(level))
            .tag(Meters.LEVEL, level).register(registry);
      }
      chainGauge(Meters.CHAIN_HEAD_AGE, Meters.CHAIN_HEAD_AGE_HELP, "seconds", executing, this::headAge)
          .register(registry);
      chainGauge(Meters.CHECKPOINT_LAG, Meters.CHECKPOINT_LAG_HELP, null, executing,
          ChainStatus::lagBlocks).register(registry);
    }
  }

  private List<String> initiatingLabels() {
    var labels = new ArrayList<String>();
    chainIds.forEach(id -> labels.add(Long.toString(id)));
    labels.add(Meters.UNCONFIGURED_CHAIN);
    return labels;
  }

  private double count(long executing, String initiating, Status status, Safety safety) {
    if (!initiating.equals(Meters.UNCONFIGURED_CHAIN)) {
      return counts.count(new MessageCounts.Category(executing, Long.parseLong(initiating), status, safety));
    }
    Set<Long> configured = Set.copyOf(chainIds);
    return counts.nonZero().entrySet().stream()
        .filter(e -> e.getKey().executingChainId() == executing && e.getKey().status() == status
            && e.getKey().safety() == safety && !configured.contains(e.getKey().initiatingChainId()))
        .mapToLong(e -> e.getValue()).sum();
  }

  private double oldestPendingAge(long executing) {
    return counts.oldestPending(executing)
        .map(at -> Math.max(0, clock.millis() - at.toEpochMilli()) / 1000.0)
        .orElse(0.0);
  }

  private static Function<ChainStatus, OptionalLong> level(String level) {
    return switch (level) {
      case "latest" -> ChainStatus::latest;
      case "safe" -> ChainStatus::safe;
      default -> ChainStatus::finalized;
    };
  }

  private OptionalLong headAge(ChainStatus chain) {
    return chain.latestTimestamp().isPresent()
        ? OptionalLong.of(Math.max(0, clock.millis() / 1000 - chain.latestTimestamp().getAsLong()))
        : OptionalLong.empty();
  }

  /** A gauge of one chain's status: NaN while the value is unknown (never a made-up 0 that looks healthy). */
  private Gauge.Builder<Supplier<Number>> chainGauge(String name, String help, String unit, long chainId,
                                                     Function<ChainStatus, OptionalLong> value) {
    Supplier<Number> read = () -> chain(chainId).map(value).filter(OptionalLong::isPresent)
        .map(v -> (double) v.getAsLong()).orElse(Double.NaN);
    return Gauge.builder(name, read).description(help).baseUnit(unit).tag(Meters.CHAIN_ID, Long.toString(chainId));
  }

  private Optional<ChainStatus> chain(long chainId) {
    return chains.get().stream().filter(c -> c.chainId() == chainId).findFirst();
  }
}
