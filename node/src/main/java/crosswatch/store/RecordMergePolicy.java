package crosswatch.store;

import io.micrometer.core.instrument.Counter;
import java.util.List;
import org.infinispan.conflict.EntryMergePolicy;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.container.entries.ImmortalCacheEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals a message record that partitions wrote differently, with the same {@link Merge} every write uses: the
 * result equals the merge of all sides whichever side the coordinator prefers. Infinispan calls it once per key
 * whose copies differ, on the merge coordinator.
 *
 * <p>Versions that disagree on immutable facts are a writer's bug, not a partition's: the preferred side is kept
 * (deterministic on the coordinator), the conflict is logged and counted apart from the keys healed by merging.
 */
public final class RecordMergePolicy implements EntryMergePolicy<MessageKey, MessageRecord> {
  private static final Logger log = LoggerFactory.getLogger(RecordMergePolicy.class);

  private final Counter merged;
  private final Counter keptPreferred;

  /**
   * @param merged counts keys whose differing copies were merged
   * @param keptPreferred counts keys whose copies disagreed on immutable facts, where the preferred one was kept
   */
  public RecordMergePolicy(Counter merged, Counter keptPreferred) {
    this.merged = merged;
    this.keptPreferred = keptPreferred;
  }

  @Override
  public CacheEntry<MessageKey, MessageRecord> merge(CacheEntry<MessageKey, MessageRecord> preferredEntry,
                                                     List<CacheEntry<MessageKey, MessageRecord>> otherEntries) {
    CacheEntry<MessageKey, MessageRecord> base = preferredEntry != null ? preferredEntry : otherEntries.getFirst();
    MessageRecord result = base.getValue();
    try {
      for (CacheEntry<MessageKey, MessageRecord> other : otherEntries) {
        result = Merge.merge(result, other.getValue());
      }
    } catch (ConflictingFacts e) {
      log.error("conflicting facts after partition id={} fields={}", e.key(), e.fields());
      keptPreferred.increment();
      return base;
    }
    merged.increment();
    return result == base.getValue() ? base : new ImmortalCacheEntry(base.getKey(), result);
  }
}
