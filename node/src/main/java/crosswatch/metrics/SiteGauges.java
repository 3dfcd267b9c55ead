package crosswatch.metrics;

import crosswatch.store.MessageCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Set;

/**
 * Gauges of how the sites of a deployment stand with each other: records whose sites disagree, per chain pair
 * (every pair of configured chains, plus {@value Meters#UNCONFIGURED_CHAIN} initiating chains, zeros included, so an
 * alert sees the series before the first disagreement). Read from {@link MessageCounts}: a scrape never walks the
 * records.
 */
public final class SiteGauges implements MeterBinder {
  private final List<Long> chainIds;
  private final MessageCounts counts;

  public SiteGauges(List<Long> chainIds, MessageCounts counts) {
    this.chainIds = List.copyOf(chainIds);
    this.counts = counts;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (long executing : chainIds) {
      for (long initiating : chainIds) {
        Gauge.builder(Meters.SITE_DISAGREEMENTS,
                () -> counts.disagreements(new MessageCounts.ChainPair(executing, initiating)))
            .description(Meters.SITE_DISAGREEMENTS_HELP)
            .tag(Meters.EXECUTING_CHAIN_ID, Long.toString(executing))
            .tag(Meters.INITIATING_CHAIN_ID, Long.toString(initiating))
            .register(registry);
      }
      Gauge.builder(Meters.SITE_DISAGREEMENTS, () -> unconfigured(executing))
          .description(Meters.SITE_DISAGREEMENTS_HELP)
          .tag(Meters.EXECUTING_CHAIN_ID, Long.toString(executing))
          .tag(Meters.INITIATING_CHAIN_ID, Meters.UNCONFIGURED_CHAIN)
          .register(registry);
    }
  }

  private double unconfigured(long executing) {
    Set<Long> configured = Set.copyOf(chainIds);
    return counts.disagreements().entrySet().stream()
        .filter(e -> e.getKey().executingChainId() == executing
            && !configured.contains(e.getKey().initiatingChainId()))
        .mapToLong(e -> e.getValue()).sum();
  }
}
