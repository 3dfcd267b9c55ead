package crosswatch.store;

import org.infinispan.metadata.Metadata;
import org.infinispan.xsite.spi.SiteEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a message record that two sites wrote concurrently (asynchronous cross-site backups, IRAC) with
 * {@link Merge}, the join every local write and every partition merge goes through: whatever order writes cross
 * the bridge in, every site ends with the merge of all of them. A merged record that is final keeps the lifespan a
 * final input was stored with (finality only comes from an input), so it expires as {@link MergeIntoEntry} would
 * have it. Infinispan counts the resolutions itself (IRAC conflict statistics of the cache).
 *
 * <p>Versions that disagree on immutable facts are a writer's bug: both sites keep the lower-named site's version
 * (so they still agree) and log it.
 */
public final class RecordSiteMergePolicy extends SiteJoin<MessageKey, MessageRecord> {
  private static final Logger log = LoggerFactory.getLogger(RecordSiteMergePolicy.class);

  @Override
  protected MessageRecord join(MessageRecord a, MessageRecord b) {
    return Merge.merge(a, b);
  }

  @Override
  protected Metadata metadata(MessageRecord joined, SiteEntry<MessageRecord> lower,
                              SiteEntry<MessageRecord> higher) {
    if (!joined.finalAnywhere()) {
      return IMMORTAL;
    }
    return lower.getValue() != null && lower.getValue().finalAnywhere() ? lower.getMetadata()
        : higher.getMetadata();
  }

  @Override
  SiteEntry<MessageRecord> resolve(SiteEntry<MessageRecord> local, SiteEntry<MessageRecord> remote) {
    try {
      return super.resolve(local, remote);
    } catch (ConflictingFacts e) {
      log.error("conflicting facts across sites id={} fields={} sites={},{}", e.key(), e.fields(),
          local.getSiteName(), remote.getSiteName());
      return local.getSiteName().compareTo(remote.getSiteName()) <= 0 ? local : remote;
    }
  }
}
