package crosswatch.store;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.functional.FunctionalMap.ReadWriteMap;
import org.infinispan.functional.impl.FunctionalMapImpl;
import org.infinispan.functional.impl.ReadWriteMapImpl;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryExpired;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryRemoved;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.annotation.DataRehashed;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryExpiredEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryRemovedEvent;
import org.infinispan.notifications.cachelistener.event.DataRehashedEvent;

/**
 * Message records in a replicated Infinispan cache. Writes run {@link Merge} atomically on the key's primary
 * owner ({@link MergeIntoEntry} through the functional API: one command per record, one per owner for a batch,
 * and no write at all when the merge changes nothing). Reads and queries are answered from this replica's own
 * copy: the cache for single records, a {@link MessageIndex} kept by a listener for pages and scans.
 *
 * <p>Why a functional command rather than a {@code get} then conditional {@code replace} loop: the loop costs a
 * read and a round trip per attempt and retries under contention, while the command runs once on the primary
 * under the key's lock. Why not {@code cache.merge(k, v, Merge::merge)}: it would send a serialised lambda and
 * always write, even when nothing changed.
 */
public final class InfinispanMessageStore extends IndexedMessageStore {
  /** Records per batch command: bounds message size while keeping round trips few. */
  static final int BATCH_SIZE = 500;

  /** How long a final record stays queryable when no retention is given. */
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

  private final Cache<MessageKey, MessageRecord> cache;
  private final ReadWriteMap<MessageKey, MessageRecord> writes;
  private final MergeIntoEntry returning;
  private final MergeIntoEntry silent;

  private InfinispanMessageStore(Cache<MessageKey, MessageRecord> cache, Duration retention, String site) {
    super(site);
    this.cache = cache;
    this.writes = ReadWriteMapImpl.create(FunctionalMapImpl.create(cache.getAdvancedCache()));
    this.returning = new MergeIntoEntry(true, retention.toMillis());
    this.silent = new MergeIntoEntry(false, retention.toMillis());
  }

  public static InfinispanMessageStore open(Cache<MessageKey, MessageRecord> cache) {
    return open(cache, DEFAULT_RETENTION, "");
  }

  /**
   * A store over a started cache; indexes what the cache already holds (preloaded, or received from peers).
   *
   * @param retention how long a final record stays after its last write; then the cache expires it
   * @param site the site this replica belongs to, whose verdicts it writes and from which it sees records; empty in
   *     a deployment of one site
   */
  public static InfinispanMessageStore open(Cache<MessageKey, MessageRecord> cache, Duration retention,
                                            String site) {
    var store = new InfinispanMessageStore(cache, retention, site);
    // Listen first, then scan: a write landing between the two is seen at least once, and the index merges.
    cache.addListener(store.new IndexUpdates());
    store.reindex();
    return store;
  }

  /**
   * Feeds every record of the local copy to the index again. Needed after writes that fire no entry events:
   * conflict resolution when a partition heals (each replica resolves, and another's resolution may land here after
   * this one's), and state received from peers.
   */
  @Override
  public int reindex() {
    int changed = 0;
    for (MessageRecord r : cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD).values()) {
      if (index.add(r)) {
        changed++;
      }
    }
    return changed;
  }

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return Optional.ofNullable(local(cache.get(key)));
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    MessageRecord named = local(update);
    MessageRecord held = local(cache.get(update.key()));
    if (addsNothingTo(held, named)) {
      return held;
    }
    try {
      return local(writes.eval(named.key(), named, returning).join());
    } catch (RuntimeException e) {
      throw unwrapped(e);
    }
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    List<MessageRecord> news = news(updates);
    for (int from = 0; from < news.size(); from += BATCH_SIZE) {
      Map<MessageKey, MessageRecord> batch = new LinkedHashMap<>();
      news.subList(from, Math.min(from + BATCH_SIZE, news.size())).forEach(r -> batch.put(r.key(), r));
      try {
        writes.evalMany(batch, silent).forEach(ignored -> { });
      } catch (RuntimeException e) {
        throw unwrapped(e);
      }
    }
  }

  @Override
  public void mergeEach(Collection<MessageRecord> updates) {
    List<CompletableFuture<MessageRecord>> writing = news(updates).stream()
        .map(u -> writes.eval(u.key(), u, silent))
        .toList();
    try {
      writing.forEach(CompletableFuture::join);
    } catch (RuntimeException e) {
      throw unwrapped(e);
    }
  }

  /** The updates, named after this site and merged per key, without those this replica's copy already covers. */
  private List<MessageRecord> news(Collection<MessageRecord> updates) {
    Map<MessageKey, MessageRecord> byKey = new LinkedHashMap<>();
    updates.forEach(u -> byKey.merge(u.key(), local(u), Merge::merge));
    return byKey.values().stream().filter(u -> !addsNothingTo(local(cache.get(u.key())), u)).toList();
  }

  /**
   * Merges with this replica's copy before any round trip. Copies only move up the merge's order, and a backup
   * applies a write after its primary, so an update this copy already covers is covered on the primary too and
   * needs no round trip (re-scans and hot standbys write many such). It also raises {@link ConflictingFacts} here,
   * typed; from a remote primary it would come back as a generic remote exception, which only a race with a
   * contradicting writer reaches.
   */
  private static boolean addsNothingTo(MessageRecord local, MessageRecord update) {
    return Merge.merge(local, update) == local;
  }

  /** Records in this replica's copy. */
  @Override
  public long size() {
    return index.size();
  }

  /** Infinispan wraps what the merge threw; a writer's bug must still surface as {@link ConflictingFacts}. */
  private static RuntimeException unwrapped(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConflictingFacts conflict) {
        return conflict;
      }
    }
    return e;
  }

  /** Keeps the index in step with every write this replica applies, its own and its peers'. */
  @Listener(observation = Listener.Observation.POST)
  public final class IndexUpdates {
    @CacheEntryCreated
    @CacheEntryModified
    public void written(CacheEntryEvent<MessageKey, MessageRecord> event) {
      if (event.getValue() != null) {
        index.add(event.getValue());
      }
    }

    @CacheEntryExpired
    public void expired(CacheEntryExpiredEvent<MessageKey, MessageRecord> event) {
      if (event.getValue() != null) {
        index.remove(event.getValue());
      }
    }

    @CacheEntryRemoved
    public void removed(CacheEntryRemovedEvent<MessageKey, MessageRecord> event) {
      if (event.getOldValue() != null) {
        index.remove(event.getOldValue());
      }
    }

    @DataRehashed
    public void rehashed(DataRehashedEvent<MessageKey, MessageRecord> event) {
      if (!event.isPre()) {
        reindex();
      }
    }
  }
}
