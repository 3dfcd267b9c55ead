package crosswatch.store;

import java.util.Comparator;
import java.util.List;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.container.entries.CacheEntry;

/**
 * Heals a checkpoint that two partitions moved differently: the lower block wins, because scanning resumes after
 * it and re-scanning blocks is idempotent, while resuming from the higher one could skip blocks the other side
 * never scanned. Ties (same block, different hash: each side followed another fork) go to the smaller hash, so
 * every merge coordinator picks the same one; the chain's own reorg handling then settles which fork holds.
 */
public final class CheckpointMergePolicy implements EntryMergePolicy<Long, Checkpoint> {
  private static final Comparator<Checkpoint> SAFEST_FIRST =
      Comparator.comparingLong(Checkpoint::blockNumber).thenComparing(Checkpoint::blockHash);

  /**
   * The same choice across sites. Each site writes only its own checkpoints cache, so two sites meet on one key only
   * when a site that restarted from nothing writes before the others gave it back what they held of it.
   */
  public static final class AcrossSites extends SiteJoin<Long, Checkpoint> {
    @Override
    protected Checkpoint join(Checkpoint a, Checkpoint b) {
      return safer(a, b);
    }
  }

  /** The checkpoint to resume from of the two; null is no checkpoint. */
  static Checkpoint safer(Checkpoint a, Checkpoint b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return SAFEST_FIRST.compare(a, b) <= 0 ? a : b;
  }

  @Override
  public CacheEntry<Long, Checkpoint> merge(CacheEntry<Long, Checkpoint> preferredEntry,
                                            List<CacheEntry<Long, Checkpoint>> otherEntries) {
    CacheEntry<Long, Checkpoint> safest = preferredEntry;
    for (CacheEntry<Long, Checkpoint> other : otherEntries) {
      Checkpoint held = safest == null ? null : safest.getValue();
      if (held == null || (other.getValue() != null && safer(held, other.getValue()) != held)) {
        safest = other;
      }
    }
    return safest;
  }
}
