package crosswatch.cluster;

import crosswatch.store.Checkpoint;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.SafePoint;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * What this replica knows of where each chain's scanning can resume when the whole cluster lost its shared state
 * at once (every replica killed: the replicated stores are purged on startup). It keeps, in small files of its
 * data directory outside the purged store, the last checkpoint it saw of every chain ({@code checkpoints.json})
 * and the lowest executing block holding a message it saw ({@code first-messages/checkpoints.json}).
 *
 * <p>The safe point of a chain is the lower of the block after that checkpoint and that first message's block.
 * Every message is in a block at or above the first message's block and every block above the checkpoint is
 * unscanned, so resuming there skips no block and re-derives every record the purged stores lost, final or not
 * (re-scanning is idempotent: records merge by key, verdicts are judged again from the chains).
 *
 * <p>One replica's files are not enough: the listeners writing them are asynchronous, so at a crash each replica
 * may lack the last writes it was told of, and a replica whose files were lost knows nothing. The cluster resumes
 * each chain from the lowest safe point any replica present knows ({@link ColdStarts}); a lower point costs
 * re-scanning only.
 */
public final class ResumePoints {
  static final String FIRST_MESSAGES = "first-messages";

  private final FileCheckpointStore lastSeen;
  private final FileCheckpointStore firstMessages;

  public ResumePoints(Path dataDir) {
    this.lastSeen = new FileCheckpointStore(dataDir);
    this.firstMessages = new FileCheckpointStore(dataDir.resolve(FIRST_MESSAGES));
  }

  /**
   * Records what the cluster's caches hold now (state received from peers fires no events), then follows their
   * writes.
   */
  public void follow(ClusterStores cluster, Collection<Long> chainIds) {
    cluster.cacheManager().getCache(cluster.checkpointsCache()).addListener(new Checkpoints());
    cluster.cacheManager().getCache(ClusterStores.MESSAGES).addListener(new Messages());
    for (long chainId : chainIds) {
      cluster.checkpoints().get(chainId).ifPresent(lastSeen::put);
      cluster.messages().executedIn(chainId, 0, Long.MAX_VALUE).forEach(this::saw);
    }
  }

  /** This replica's safe point of {@code chainId}; empty when it knows nothing of the chain. */
  public OptionalLong safePoint(long chainId) {
    return LongStream.concat(
            lastSeen.get(chainId).stream().mapToLong(c -> c.blockNumber() + 1),
            firstMessages.get(chainId).stream().mapToLong(Checkpoint::blockNumber))
        .min();
  }

  /** The safe points of those of {@code chainIds} this replica knows anything of. */
  public List<SafePoint> safePoints(Collection<Long> chainIds) {
    return chainIds.stream().distinct()
        .flatMap(id -> safePoint(id).stream().mapToObj(from -> new SafePoint(id, from)))
        .toList();
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
