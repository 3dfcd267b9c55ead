package crosswatch.cluster;

import crosswatch.metrics.Meters;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointMergePolicy;
import crosswatch.store.CheckpointStore;
import crosswatch.store.InfinispanCheckpointStore;
import crosswatch.store.InfinispanMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.RecordMergePolicy;
import io.micrometer.core.instrument.Counter;
import crosswatch.store.RecordSiteMergePolicy;
import crosswatch.store.SiteReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's member of the replica cluster and the stores on its replicated caches: {@value #MESSAGES}
 * (message key to record), {@value #CHECKPOINTS} (chain id to checkpoint), {@value #HEADS} (chain id to head), and
 * {@value #RESUME_POINTS} (node name to the safe points it published at start, in memory only; see
 * {@link ColdStarts}). Close it last: it stops the cache manager and leaves the cluster.
 *
 * <p>With several sites, messages are shared by all of them (each record holds every site's verdict), while each
 * site scans every chain through its own endpoints from its own position: checkpoints and heads are kept per site,
 * in caches named {@code checkpoints.<site>} and {@code heads.<site>} that every site holds and backs up, so that a
 * site that restarts from nothing gets its own position back from the others. Resume points stay in their site;
 * {@value #SITE_REPORTS} holds each site's report of itself ({@link SiteLinks}).
 */
public final class ClusterStores implements AutoCloseable {
  public static final String MESSAGES = "messages";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String HEADS = "heads";
  public static final String RESUME_POINTS = "resume-points";
  public static final String SITE_REPORTS = "site-reports";

  private static final Logger log = LoggerFactory.getLogger(ClusterStores.class);

  private final DefaultCacheManager manager;
  private final SiteOptions site;
  private final List<String> caches;
  private final InfinispanMessageStore messages;
  private final InfinispanCheckpointStore checkpoints;
  private final ChainHeads heads;

  private ClusterStores(DefaultCacheManager manager, SiteOptions site, List<String> caches,
                        InfinispanMessageStore messages, InfinispanCheckpointStore checkpoints, ChainHeads heads) {
    this.manager = manager;
    this.site = site;
    this.caches = List.copyOf(caches);
    this.messages = messages;
    this.checkpoints = checkpoints;
    this.heads = heads;
  }

  /**
   * The name this replica's verdicts carry in records: its site's, or none (empty) in a deployment of one site, whose
   * records keep the shape they had before sites existed.
   */
  public static String recordSite(SiteOptions site) {
    return site.relays() ? site.site() : "";
  }

  /**
   * The name of {@code site}'s cache of {@code base} ({@value #CHECKPOINTS} or {@value #HEADS}); a deployment of one
   * site keeps the plain name, as before sites existed.
   */
  public static String perSite(String base, SiteOptions sites, String site) {
    return sites.relays() ? base + "." + site : base;
  }

  /** {@link #start(ClusterOptions, MeterRegistry, Duration)} with the default retention of final messages. */
  public static ClusterStores start(ClusterOptions options, MeterRegistry registry) {
    return start(options, registry, InfinispanMessageStore.DEFAULT_RETENTION);
  }

  /**
   * Joins (or forms) the cluster and starts the caches; returns once this node holds the current state. Blocks up
   * to the initial cluster timeout while fewer than the initial cluster size are present.
   *
   * @param retention how long a final message stays queryable before its record expires
   */
  public static ClusterStores start(ClusterOptions options, MeterRegistry registry, Duration retention) {
    var manager = new DefaultCacheManager(CacheConfigs.global(options, registry), false);
    SiteOptions site = options.site();
    try {
      var messages = new ConfigurationBuilder().read(CacheConfigs.replicated(options, MESSAGES,
          new RecordMergePolicy(conflictsResolved(registry, Meters.MERGED),
              conflictsResolved(registry, Meters.KEPT_PREFERRED)),
          new RecordSiteMergePolicy()));
      // The reaper removes expired records from memory and disk; a tenth of the retention keeps them close to it.
      messages.expiration().wakeUpInterval(
          Math.clamp(retention.toMillis() / 10, 100, Duration.ofMinutes(1).toMillis()), TimeUnit.MILLISECONDS);
      manager.defineConfiguration(MESSAGES, messages.build());
      var caches = new ArrayList<>(List.of(MESSAGES));
      for (String each : site.sites()) {
        String checkpointsCache = perSite(CHECKPOINTS, site, each);
        String headsCache = perSite(HEADS, site, each);
        manager.defineConfiguration(checkpointsCache, CacheConfigs.replicated(options, checkpointsCache,
            new CheckpointMergePolicy(), new CheckpointMergePolicy.AcrossSites()));
        manager.defineConfiguration(headsCache, CacheConfigs.replicated(options, headsCache,
            MergePolicy.PREFERRED_NON_NULL, new ChainHeads.AcrossSites()));
        caches.add(checkpointsCache);
        caches.add(headsCache);
      }
      // Each replica writes only its own entry, once per process: after a partition either side's copy is its
      // publication, and a copy an earlier process left is told apart by its incarnation.
      manager.defineConfiguration(RESUME_POINTS, CacheConfigs.replicatedInMemory(MergePolicy.PREFERRED_NON_NULL));
      caches.add(RESUME_POINTS);
      if (site.relays()) {
        // Each site's report of itself, republished every second: see SiteLinks.
        var reports = new ConfigurationBuilder().read(
            CacheConfigs.replicatedInMemory(MergePolicy.PREFERRED_NON_NULL));
        CacheConfigs.backUpToOtherSites(reports, site, new SiteReport.AcrossSites());
        manager.defineConfiguration(SITE_REPORTS, reports.build());
        caches.add(SITE_REPORTS);
      }
      manager.addListener(new PartitionMerges(registry));
      manager.start();
      manager.startCaches(caches.toArray(String[]::new));
      Cache<MessageKey, MessageRecord> messageCache = manager.getCache(MESSAGES);
      Cache<Long, Checkpoint> checkpointCache = manager.getCache(perSite(CHECKPOINTS, site, site.site()));
      Cache<Long, ChainHead> headCache = manager.getCache(perSite(HEADS, site, site.site()));
      var stores = new ClusterStores(manager, site, caches, InfinispanMessageStore.open(messageCache, retention, recordSite(site)),
          new InfinispanCheckpointStore(checkpointCache), new ChainHeads(headCache));
      log.info("cluster joined cluster={} site={} sites={} node={} stack={} members={} records={} purgedOnStartup={}",
          options.clusterName(), site.site(), site.sites(), options.nodeName(), options.stack(), manager.getMembers(),
          stores.messages.size(), !options.expectsNoPeers());
      return stores;
    } catch (RuntimeException e) {
      manager.stop();
      throw e;
    }
  }

  private static Counter conflictsResolved(MeterRegistry registry, String outcome) {
    return Counter.builder(Meters.CONFLICTS_RESOLVED).description(Meters.CONFLICTS_RESOLVED_HELP)
        .tag(Meters.OUTCOME, outcome).register(registry);
  }

  public InfinispanMessageStore messages() {
    return messages;
  }

  public CheckpointStore checkpoints() {
    return checkpoints;
  }

  /** Every chain's latest, safe and finalized heads, as the nodes following them last wrote them. */
  public ChainHeads heads() {
    return heads;
  }

  /** This replica's site and the others. */
  public SiteOptions site() {
    return site;
  }

  /** The cache this site's checkpoints are in. */
  public String checkpointsCache() {
    return perSite(CHECKPOINTS, site, site.site());
  }

  /** Every cache this replica holds: those a healed partition reconciles. */
  public List<String> caches() {
    return caches;
  }

  /** For membership and ownership: views, the coordinator, listeners. */
  public EmbeddedCacheManager cacheManager() {
    return manager;
  }

  @Override
  public void close() {
    log.info("cluster leaving node={}", manager.getNodeAddress());
    manager.stop();
  }
}
