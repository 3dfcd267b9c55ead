package crosswatch.metrics;

import crosswatch.cluster.SiteLink;
import crosswatch.store.MessageCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Gauges of how the sites of a deployment stand with each other: every site's link (up, age of the newest backup
 * from it), and the records whose sites disagree, per chain pair (every pair of configured chains, plus
 * {@value Meters#UNCONFIGURED_CHAIN} initiating chains, zeros included, so an alert sees the series before the first
 * disagreement). Counts are read from {@link MessageCounts}: a scrape never walks the records.
 */
public final class SiteGauges implements MeterBinder {
  private final List<Long> chainIds;
  private final MessageCounts counts;
  private final List<String> sites;
  private final Supplier<List<SiteLink>> links;

  /**
   * @param sites every site of the deployment, this one included
   * @param links how this site stands with each, read at every scrape
   */
  public SiteGauges(List<Long> chainIds, MessageCounts counts, List<String> sites,
                    Supplier<List<SiteLink>> links) {
    this.chainIds = List.copyOf(chainIds);
    this.counts = counts;
    this.sites = List.copyOf(sites);
    this.links = links;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String site : sites) {
      Gauge.builder(Meters.SITE_UP, () -> link(site).map(l -> l.online() ? 1 : 0).orElse(0))
          .description(Meters.SITE_UP_HELP).tag(Meters.SITE, site).register(registry);
      Gauge.builder(Meters.SITE_BACKUP_LAG, () -> link(site).flatMap(SiteLink::backupLag)
              .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN))
          .description(Meters.SITE_BACKUP_LAG_HELP).baseUnit("seconds").tag(Meters.SITE, site).register(registry);
    }
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

  private Optional<SiteLink> link(String site) {
    return links.get().stream().filter(l -> l.site().equals(site)).findFirst();
  }

  private double unconfigured(long executing) {
    Set<Long> configured = Set.copyOf(chainIds);
    return counts.disagreements().entrySet().stream()
        .filter(e -> e.getKey().executingChainId() == executing
            && !configured.contains(e.getKey().initiatingChainId()))
        .mapToLong(e -> e.getValue()).sum();
  }
}
