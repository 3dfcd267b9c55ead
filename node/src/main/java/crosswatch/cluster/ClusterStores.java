package crosswatch.cluster;

import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointMergePolicy;
import crosswatch.store.CheckpointStore;
import crosswatch.store.InfinispanCheckpointStore;
import crosswatch.store.InfinispanMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.RecordMergePolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.infinispan.Cache;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's member of the replica cluster and the stores on its replicated caches: {@value #MESSAGES}
 * (message key to record), {@value #CHECKPOINTS} (chain id to checkpoint) and {@value #HEADS} (chain id to head).
 * Close it last: it stops the cache manager and leaves the cluster.
 */
public final class ClusterStores implements AutoCloseable {
  public static final String MESSAGES = "messages";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String HEADS = "heads";

  private static final Logger log = LoggerFactory.getLogger(ClusterStores.class);

  private final DefaultCacheManager manager;
  private final InfinispanMessageStore messages;
  private final InfinispanCheckpointStore checkpoints;

  private ClusterStores(DefaultCacheManager manager, InfinispanMessageStore messages,
                        InfinispanCheckpointStore checkpoints) {
    this.manager = manager;
    this.messages = messages;
    this.checkpoints = checkpoints;
  }

  /**
   * Joins (or forms) the cluster and starts the caches; returns once this node holds the current state. Blocks up
   * to the initial cluster timeout while fewer than the initial cluster size are present.
   */
  public static ClusterStores start(ClusterOptions options, MeterRegistry registry) {
    var manager = new DefaultCacheManager(CacheConfigs.global(options, registry), false);
    try {
      manager.defineConfiguration(MESSAGES, CacheConfigs.replicated(options, MESSAGES, new RecordMergePolicy(registry)));
      manager.defineConfiguration(CHECKPOINTS, CacheConfigs.replicated(options, CHECKPOINTS, new CheckpointMergePolicy()));
      manager.defineConfiguration(HEADS, CacheConfigs.replicated(options, HEADS, MergePolicy.PREFERRED_NON_NULL));
      manager.addListener(new PartitionMerges(registry));
      manager.start();
      manager.startCaches(MESSAGES, CHECKPOINTS, HEADS);
      Cache<MessageKey, MessageRecord> messageCache = manager.getCache(MESSAGES);
      Cache<Long, Checkpoint> checkpointCache = manager.getCache(CHECKPOINTS);
      var stores = new ClusterStores(manager, InfinispanMessageStore.open(messageCache),
          new InfinispanCheckpointStore(checkpointCache));
      log.info("cluster joined cluster={} node={} stack={} members={} records={} purgedOnStartup={}",
          options.clusterName(), options.nodeName(), options.stack(), manager.getMembers(), stores.messages.size(),
          !options.expectsNoPeers());
      return stores;
    } catch (RuntimeException e) {
      manager.stop();
      throw e;
    }
  }

  public InfinispanMessageStore messages() {
    return messages;
  }

  public CheckpointStore checkpoints() {
    return checkpoints;
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
