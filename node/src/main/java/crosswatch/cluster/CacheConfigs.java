package crosswatch.cluster;

import crosswatch.store.proto.StoreSchemaImpl;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfiguration;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.configuration.global.UncleanShutdownAction;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.metrics.config.MicrometerMeterRegisterConfigurationBuilder;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * The Infinispan configuration, built in code rather than XML: merge policies need the node's meter registry and
 * file stores need the node's data directory, neither of which an XML file can be handed.
 */
final class CacheConfigs {
  private CacheConfigs() {}

  static GlobalConfiguration global(ClusterOptions options, MeterRegistry registry) {
    var global = new GlobalConfigurationBuilder();
    global.transport().defaultTransport()
        .clusterName(options.clusterName())
        .nodeName(options.nodeName())
        .initialClusterSize(options.initialClusterSize())
        .initialClusterTimeout(options.initialClusterTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .addProperty(JGroupsTransport.CONFIGURATION_XML, JGroupsStack.xml(options));
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
   * {@code mergePolicy} reconciles them when it heals.
   */
  static Configuration replicated(ClusterOptions options, String name, EntryMergePolicy<?, ?> mergePolicy) {
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
    return cache.build();
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
