package crosswatch.cluster;

import crosswatch.store.SiteReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.remoting.transport.Address;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.xsite.GlobalXSiteAdminOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this site stands with the others, answered alike by every replica of every site. Each site's primary relay
 * node publishes a {@link SiteReport} every {@link #INTERVAL} in the {@value ClusterStores#SITE_REPORTS} cache, which
 * backs up to every other site like the records do: so every replica learns every site's relay nodes, whether its
 * own site's relay reaches each other site (only relay nodes see the bridge), and, from the reports it receives, when
 * a backup from each site last arrived and how old it was. The primary relay node also pushes this site's state to
 * each site that has become reachable once it settled ({@link SettledPushes}).
 */
public final class SiteLinks implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  /** A report of this site older than this no longer says what its relay reaches (the relay node is gone). */
  static final Duration FRESH = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(SiteLinks.class);

  /** The newest report received from a site: when it arrived here and when it was written there. */
  private record Arrival(Instant receivedAt, Instant writtenAt) {}

  private final SiteOptions site;
  private final String node;
  private final Clock clock;
  private final Transport transport;
  private final Cache<String, SiteReport> reports;
  private final Map<String, Arrival> arrivals = new ConcurrentHashMap<>();
  private final ScheduledExecutorService publisher;
  private final SettledPushes pushes;

  private SiteLinks(SiteOptions site, String node, Clock clock, Transport transport,
                    Cache<String, SiteReport> reports, SettledPushes pushes) {
    this.site = site;
    this.node = node;
    this.clock = clock;
    this.transport = transport;
    this.reports = reports;
    this.pushes = pushes;
    this.publisher = reports == null ? null
        : Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("site-reports").factory());
  }

  /** Starts publishing this site's report (when there are other sites) and following the others'. */
  public static SiteLinks start(ClusterStores cluster, String node, Clock clock) {
    var manager = cluster.cacheManager();
    Cache<String, SiteReport> reports = cluster.site().relays() ? manager.getCache(ClusterStores.SITE_REPORTS) : null;
    var links = new SiteLinks(cluster.site(), node, clock,
        GlobalComponentRegistry.componentOf(manager, Transport.class), reports,
        new SettledPushes(GlobalComponentRegistry.componentOf(manager, GlobalXSiteAdminOperations.class)));
    if (reports != null) {
      reports.addListener(links.new Arrivals());
      reports.values().forEach(links::arrived);
      links.publisher.scheduleWithFixedDelay(links::publish, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }
    return links;
  }

  /** Every site of the deployment, in the configured order, this one included. */
  public List<SiteLink> links() {
    Instant now = clock.instant();
    SiteReport own = reports == null ? null : reports.get(site.site());
    boolean ownFresh = own != null && Duration.between(own.writtenAt(), now).compareTo(FRESH) <= 0;
    var links = new ArrayList<SiteLink>();
    for (String name : site.sites()) {
      if (name.equals(site.site())) {
        links.add(new SiteLink(name, true, names(transport.getRelayNodesAddress()), Optional.empty(),
            Optional.of(Duration.ZERO)));
        continue;
      }
      SiteReport theirs = reports.get(name);
      Optional<Arrival> arrival = Optional.ofNullable(arrivals.get(name));
      links.add(new SiteLink(name, ownFresh && own.reachable().contains(name),
          theirs == null ? List.of() : theirs.relayNodes(), arrival.map(Arrival::receivedAt),
          arrival.map(a -> Duration.between(a.writtenAt(), now)).map(d -> d.isNegative() ? Duration.ZERO : d)));
    }
    return links;
  }

  private void publish() {
    try {
      if (transport.isPrimaryRelayNode()) {
        List<String> reachable = transport.getSitesView().stream().filter(s -> !s.equals(site.site())).sorted()
            .toList();
        Instant now = clock.instant();
        reports.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).put(site.site(),
            new SiteReport(site.site(), names(transport.getRelayNodesAddress()), reachable, now, node));
        pushes.tick(reachable, now);
      }
    } catch (RuntimeException e) {
      log.warn("site report not published site={} error={}", site.site(), e.toString());
    }
  }

  private void arrived(SiteReport report) {
    if (!report.site().equals(site.site())) {
      Instant now = clock.instant();
      arrivals.merge(report.site(), new Arrival(now, report.writtenAt()),
          (held, fresh) -> fresh.writtenAt().isAfter(held.writtenAt()) ? fresh : held);
    }
  }

  private static List<String> names(Collection<Address> addresses) {
    return addresses.stream().map(Address::toString).sorted().toList();
  }

  @Override
  public void close() {
    if (publisher != null) {
      publisher.shutdownNow();
    }
  }

  /** Notes each report of another site as it arrives (a backup across the bridge, then replicated in this site). */
  @Listener(observation = Listener.Observation.POST)
  public final class Arrivals {
    @CacheEntryCreated
    @CacheEntryModified
    public void written(CacheEntryEvent<String, SiteReport> event) {
      if (event.getValue() != null) {
        arrived(event.getValue());
      }
    }
  }
}
