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
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
 */
public final class ClusterStores implements AutoCloseable {
  public static final String MESSAGES = "messages";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String HEADS = "heads";
  public static final String RESUME_POINTS = "resume-points";

  private static final Logger log = LoggerFactory.getLogger(ClusterStores.class);

  private final DefaultCacheManager manager;
  private final InfinispanMessageStore messages;
  private final InfinispanCheckpointStore checkpoints;
  private final ChainHeads heads;

  private ClusterStores(DefaultCacheManager manager, InfinispanMessageStore messages,
                        InfinispanCheckpointStore checkpoints, ChainHeads heads) {
    this.manager = manager;
    this.messages = messages;
    this.checkpoints = checkpoints;
    this.heads = heads;
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
    try {
      var messages = new ConfigurationBuilder()
          .read(CacheConfigs.replicated(options, MESSAGES, new RecordMergePolicy(conflictsResolved(registry, Meters.MERGED),
              conflictsResolved(registry, Meters.KEPT_PREFERRED))));
      // The reaper removes expired records from memory and disk; a tenth of the retention keeps them close to it.
      messages.expiration().wakeUpInterval(
          Math.clamp(retention.toMillis() / 10, 100, Duration.ofMinutes(1).toMillis()), TimeUnit.MILLISECONDS);
      manager.defineConfiguration(MESSAGES, messages.build());
      manager.defineConfiguration(CHECKPOINTS, CacheConfigs.replicated(options, CHECKPOINTS, new CheckpointMergePolicy()));
      manager.defineConfiguration(HEADS, CacheConfigs.replicated(options, HEADS, MergePolicy.PREFERRED_NON_NULL));
      // Each replica writes only its own entry, once per process: after a partition either side's copy is its
      // publication, and a copy an earlier process left is told apart by its incarnation.
      manager.defineConfiguration(RESUME_POINTS, CacheConfigs.replicatedInMemory(MergePolicy.PREFERRED_NON_NULL));
      manager.addListener(new PartitionMerges(registry));
      manager.start();
      manager.startCaches(MESSAGES, CHECKPOINTS, HEADS, RESUME_POINTS);
      Cache<MessageKey, MessageRecord> messageCache = manager.getCache(MESSAGES);
      Cache<Long, Checkpoint> checkpointCache = manager.getCache(CHECKPOINTS);
      Cache<Long, ChainHead> headCache = manager.getCache(HEADS);
      var stores = new ClusterStores(manager, InfinispanMessageStore.open(messageCache, retention),
          new InfinispanCheckpointStore(checkpointCache), new ChainHeads(headCache));
      log.info("cluster joined cluster={} node={} stack={} members={} records={} purgedOnStartup={}",
          options.clusterName(), options.nodeName(), options.stack(), manager.getMembers(), stores.messages.size(),
          !options.expectsNoPeers());
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
