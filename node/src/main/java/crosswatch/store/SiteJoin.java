package crosswatch.store;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.infinispan.metadata.EmbeddedMetadata;
import org.infinispan.metadata.Metadata;
import org.infinispan.xsite.spi.SiteEntry;
import org.infinispan.xsite.spi.XSiteEntryMergePolicy;

/**
 * Resolves a key two sites wrote concurrently with a join of the two values, the same one the cache uses
 * elsewhere. Infinispan calls it on each receiving site with that site's entry as {@code local}, so the answer
 * must not depend on which entry is local: the join is commutative, an entry is returned as is when it already
 * holds the join (when both do, the one of the lower site name), and a new entry is named after the lower site.
 * Pure computation: it never blocks.
 *
 * <p>A value that is null stands for a key the site does not hold or removed (a final record that expired); the
 * join of null and a value is the value, so an expiry never deletes what the other site still writes.
 *
 * <p>Infinispan copies the configured policy by instantiating its class, so subclasses have a public no-argument
 * constructor and no state.
 *
 * @param <V> the cache's values
 */
public abstract class SiteJoin<K, V> implements XSiteEntryMergePolicy<K, V> {
  /** Metadata of entries that never expire. */
  public static final Metadata IMMORTAL = new EmbeddedMetadata.Builder().build();

  /** Commutative, associative and idempotent; null is "no value". */
  protected abstract V join(V a, V b);

  /** The metadata a joined value that is neither input is stored with: by default the lower site's. */
  protected Metadata metadata(V joined, SiteEntry<V> lower, SiteEntry<V> higher) {
    return lower.getMetadata();
  }

  @Override
  public CompletionStage<SiteEntry<V>> merge(K key, SiteEntry<V> local, SiteEntry<V> remote) {
    return CompletableFuture.completedFuture(resolve(local, remote));
  }

  SiteEntry<V> resolve(SiteEntry<V> local, SiteEntry<V> remote) {
    boolean localIsLower = local.getSiteName().compareTo(remote.getSiteName()) <= 0;
    SiteEntry<V> lower = localIsLower ? local : remote;
    SiteEntry<V> higher = localIsLower ? remote : local;
    V joined = join(lower.getValue(), higher.getValue());
    if (Objects.equals(joined, lower.getValue())) {
      return lower;
    }
    if (Objects.equals(joined, higher.getValue())) {
      return higher;
    }
    return new SiteEntry<>(lower.getSiteName(), joined, metadata(joined, lower, higher));
  }
}
