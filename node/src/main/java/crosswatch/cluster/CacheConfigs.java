package crosswatch.cluster;

import crosswatch.store.proto.StoreSchemaImpl;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.BackupConfiguration;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.cache.XSiteStateTransferMode;
import org.infinispan.configuration.global.GlobalConfiguration;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.configuration.global.UncleanShutdownAction;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.metrics.config.MicrometerMeterRegisterConfigurationBuilder;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.infinispan.xsite.spi.XSiteEntryMergePolicy;

/**
 * The Infinispan configuration, built in code rather than XML: merge policies need the node's meter registry, file
 * stores the node's data directory and the channel this node's site and bridge, none of which an XML file can be
 * handed.
 */
final class CacheConfigs {
  /** How long a site may stay unreachable before this site stops retrying backups to it and marks it offline. */
  static final Duration OFFLINE_AFTER = Duration.ofSeconds(10);
  /** Tombstones of removed keys (expired final records) kept for IRAC: see docs/regions.md for the sizing. */
  static final int TOMBSTONE_MAP_SIZE = 512_000;
  static final Duration TOMBSTONE_CLEANUP_DELAY = Duration.ofSeconds(30);
  /**
   * Keys per chunk of a state push to another site: each chunk waits for the other site's answer, so on a link of
   * 100 ms round trip Infinispan's 512 moved about 5,000 records a second (docs/regions.md, benchmark).
   */
  static final int STATE_CHUNK = 4_096;

  private CacheConfigs() {}

  static GlobalConfiguration global(ClusterOptions options, MeterRegistry registry) {
    var global = new GlobalConfigurationBuilder();
    global.transport().defaultTransport()
        .clusterName(options.clusterName())
        .nodeName(options.nodeName())
        .initialClusterSize(options.initialClusterSize())
        .initialClusterTimeout(options.initialClusterTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR, SiteChannels.of(options));
    global.serialization().addContextInitializer(new StoreSchemaImpl());
    global.cacheContainer().statistics(true);
    // One registry for the node and Infinispan, so one /metrics serves both; the node reports JVM metrics itself.
    global.metrics().gauges(true).histograms(false).namesAsTags(true).jvm(false);
    global.addModule(MicrometerMeterRegisterConfigurationBuilder.class).meterRegistry(registry);
    // A kill -9 leaves a lock file behind; the data is still good (single member) or purged anyway (cluster).
    global.globalState().enable()
        .persistentLocation(options.dataDir().toString())
        .uncleanShutdownAction(UncleanShutdownAction.IGNORE);
    // The node stops the cache manager itself, after what depends on it; a JVM hook would race that order.
    global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
    return global.build();
  }

  /**
   * A replicated, synchronous, non-transactional cache persisted in a soft-index file store under
   * {@code <data dir>/<name>}, write-through (no passivation). A node that expects no peers preloads the store
   * into memory at startup; any other purges it and takes the state from its peers (see
   * {@link ClusterOptions#expectsNoPeers()}; Infinispan refuses both at once). Both sides of a partition keep writing;
   * {@code mergePolicy} reconciles them when it heals. With other sites, the cache also backs up to each of them
   * (see {@link #backUpToOtherSites}).
   */
  static Configuration replicated(ClusterOptions options, String name, EntryMergePolicy<?, ?> mergePolicy,
                                  XSiteEntryMergePolicy<?, ?> sitePolicy) {
    Path dir = options.dataDir().resolve(name);
    var cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(CacheMode.REPL_SYNC)
        .partitionHandling().whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(mergePolicy);
    // Objects on the heap: reads and the query index share the stored records instead of decoding bytes.
    cache.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE);
    cache.statistics().enable();
    cache.persistence().passivation(false)
        .addSoftIndexFileStore()
        .dataLocation(dir.resolve("data").toString())
        .indexLocation(dir.resolve("index").toString())
        .shared(false)
        .preload(options.expectsNoPeers())
        .purgeOnStartup(!options.expectsNoPeers());
    backUpToOtherSites(cache, options.site(), sitePolicy);
    return cache.build();
  }

  /**
   * Asynchronous backups (IRAC) to every other site: a write returns once this site holds it, and the primary
   * owner sends it on to the other sites in the background, retrying while a site is unreachable. Two sites writing
   * one key meanwhile are reconciled on each by {@code sitePolicy}. A site that stays unreachable for
   * {@link #OFFLINE_AFTER} is taken offline (no more retries piling up); when it is reachable again, or when a
   * site's caches start afresh, the other sites push it their whole state (automatic state transfer), which goes
   * through the same policy. No passivation anywhere: IRAC can drop a backup that races a passivation.
   */
  static void backUpToOtherSites(ConfigurationBuilder cache, SiteOptions site, XSiteEntryMergePolicy<?, ?> sitePolicy) {
    if (!site.relays()) {
      return;
    }
    for (String other : site.others()) {
      cache.sites().addBackup().site(other).strategy(BackupConfiguration.BackupStrategy.ASYNC)
          .takeOffline().minTimeToWait(OFFLINE_AFTER.toMillis()).afterFailures(0).backup()
          .stateTransfer().mode(XSiteStateTransferMode.AUTO).chunkSize(STATE_CHUNK);
    }
    cache.sites().mergePolicy(sitePolicy)
        .tombstoneMapSize(TOMBSTONE_MAP_SIZE)
        .maxTombstoneCleanupDelay(TOMBSTONE_CLEANUP_DELAY.toMillis());
  }

  /**
   * A replicated, synchronous cache kept in memory only, for what replicas publish anew each time they start:
   * after the whole cluster stopped nothing of it is wanted back. Partitions are handled as in
   * {@link #replicated}.
   */
  static Configuration replicatedInMemory(EntryMergePolicy<?, ?> mergePolicy) {
    var cache = new ConfigurationBuilder();
    cache.clustering().cacheMode(CacheMode.REPL_SYNC)
        .partitionHandling().whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(mergePolicy);
    cache.encoding().mediaType(MediaType.APPLICATION_OBJECT_TYPE);
    cache.statistics().enable();
    return cache.build();
  }
}
