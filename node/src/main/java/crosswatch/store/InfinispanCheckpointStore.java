package crosswatch.store;

import java.util.Optional;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

/**
 * Chain checkpoints in a replicated Infinispan cache, keyed by chain id. A plain last-writer-wins put: a checkpoint
 * may legitimately move back (a reorg rewinds scanning), so there is nothing to merge; after a partition
 * {@link CheckpointMergePolicy} keeps the lower one, from which re-scanning is safe.
 */
public final class InfinispanCheckpointStore implements CheckpointStore {
  private final Cache<Long, Checkpoint> cache;

  public InfinispanCheckpointStore(Cache<Long, Checkpoint> cache) {
    this.cache = cache;
  }

  @Override
  public Optional<Checkpoint> get(long chainId) {
    return Optional.ofNullable(cache.get(chainId));
  }

  @Override
  public void put(Checkpoint checkpoint) {
    cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).put(checkpoint.chainId(), checkpoint);
  }
}
