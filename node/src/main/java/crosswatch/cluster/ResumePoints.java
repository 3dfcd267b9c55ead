package crosswatch.cluster;

import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointStore;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * Where each chain's scanning resumes when the whole cluster lost its shared state at once (every replica killed:
 * the replicated stores are purged on startup). Each replica keeps, in small files of its data directory outside
 * the purged store, the last checkpoint it saw of every chain ({@code checkpoints.json}) and the lowest executing
 * block holding a message it saw ({@code first-messages/checkpoints.json}).
 *
 * <p>The safe point of a chain is the lower of the block after that checkpoint and that first message's block.
 * Every message is in a block at or above the first message's block and every block above the checkpoint is
 * unscanned, so resuming there skips no block and re-derives every record the purged stores lost, final or not
 * (re-scanning is idempotent: records merge by key, verdicts are judged again from the chains). Replicas record
 * every checkpoint and message they see, so the replicas alive at the crash know the same points up to the
 * writes in flight then; a replica that was away longer knows lower ones, which costs re-scanning only.
 */
public final class ResumePoints {
  static final String FIRST_MESSAGES = "first-messages";

  private final FileCheckpointStore lastSeen;
  private final FileCheckpointStore firstMessages;
  private final CheckpointStore shared;

  /** @param shared the cluster's checkpoints: while it holds one for a chain, scanning resumes from it */
  public ResumePoints(Path dataDir, CheckpointStore shared) {
    this.lastSeen = new FileCheckpointStore(dataDir);
    this.firstMessages = new FileCheckpointStore(dataDir.resolve(FIRST_MESSAGES));
    this.shared = shared;
  }

  /**
   * Records what the caches hold now (state received from peers fires no events), then follows their writes.
   */
  public void follow(EmbeddedCacheManager caches, MessageStore store, Collection<Long> chainIds) {
    caches.getCache(ClusterStores.CHECKPOINTS).addListener(new Checkpoints());
    caches.getCache(ClusterStores.MESSAGES).addListener(new Messages());
    for (long chainId : chainIds) {
      shared.get(chainId).ifPresent(lastSeen::put);
      store.executedIn(chainId, 0, Long.MAX_VALUE).forEach(this::saw);
    }
  }

  /**
   * The block where scanning a chain the cluster holds no checkpoint for begins; empty when the cluster holds one
   * or this replica knows nothing of the chain.
   */
  public OptionalLong coldStart(long chainId) {
    if (shared.get(chainId).isPresent()) {
      return OptionalLong.empty();
    }
    return LongStream.concat(
            lastSeen.get(chainId).stream().mapToLong(c -> c.blockNumber() + 1),
            firstMessages.get(chainId).stream().mapToLong(Checkpoint::blockNumber))
        .min();
  }

  private synchronized void saw(MessageRecord record) {
    long chainId = record.key().executingChainId();
    if (firstMessages.get(chainId).map(c -> record.executingBlockNumber() < c.blockNumber()).orElse(true)) {
      firstMessages.put(new Checkpoint(chainId, record.executingBlockNumber(), record.key().executingBlockHash().toString()));
    }
  }

  @Listener(sync = false, observation = Listener.Observation.POST)
  public final class Checkpoints {
    @CacheEntryCreated
    @CacheEntryModified
    public void written(CacheEntryEvent<Long, Checkpoint> event) {
      if (event.getValue() != null) {
        lastSeen.put(event.getValue());
      }
    }
  }

  @Listener(sync = false, observation = Listener.Observation.POST)
  public final class Messages {
    @CacheEntryCreated
    public void created(CacheEntryEvent<MessageKey, MessageRecord> event) {
      if (event.getValue() != null) {
        saw(event.getValue());
      }
    }
  }
}
