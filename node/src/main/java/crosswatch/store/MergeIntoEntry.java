package crosswatch.store;

import java.util.function.BiFunction;
import java.util.function.Function;
import org.infinispan.functional.EntryView.ReadWriteEntryView;
import org.infinispan.metadata.EmbeddedMetadata;
import org.infinispan.metadata.Metadata;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * {@link Merge} applied inside the cache, on the key's primary owner under its lock, then on every backup. It
 * travels to them by name (a ProtoStream message, not a lambda) and carries no state but whether the caller wants
 * the merged record back (batches do not, so they do not ship every record back to the writer) and how long a
 * final record stays.
 *
 * <p>Writes only when the merge changed something. On a replica that decoded the command, the entry's key and the
 * record's own key are two equal objects; the record is given the entry's, so a replica keeps one copy. Re-applying it (a retry after a view change, or a backup
 * applying it after the primary) is harmless because the merge is idempotent.
 */
@ProtoName("MergeIntoEntry")
public final class MergeIntoEntry
    implements BiFunction<MessageRecord, ReadWriteEntryView<MessageKey, MessageRecord>, MessageRecord> {

  private final boolean returnMerged;
  private final long retentionMillis;
  private final Function<MessageRecord, Metadata> metadata;

  /** @param retentionMillis how long a final record stays after its last write */
  @ProtoFactory
  MergeIntoEntry(boolean returnMerged, long retentionMillis) {
    this.returnMerged = returnMerged;
    this.retentionMillis = retentionMillis;
    this.metadata = metadataFor(retentionMillis);
  }

  @ProtoField(number = 1, defaultValue = "false")
  boolean isReturnMerged() {
    return returnMerged;
  }

  @ProtoField(number = 2, defaultValue = "0")
  long getRetentionMillis() {
    return retentionMillis;
  }

  /**
   * How a record is stored: one that any site froze expires {@code retentionMillis} after its last write (a site
   * that has not frozen it yet keeps writing it, and each write starts the period again), others never. Plain
   * metadata lets Infinispan keep a bare entry; the functional API's default (empty meta-params) costs three more
   * objects, about 70 bytes, on every stored record.
   */
  private static Function<MessageRecord, Metadata> metadataFor(long retentionMillis) {
    Metadata retained = new EmbeddedMetadata.Builder().lifespan(retentionMillis).build();
    return r -> r != null && r.finalAnywhere() ? retained : SiteJoin.IMMORTAL;
  }

  @Override
  public MessageRecord apply(MessageRecord update, ReadWriteEntryView<MessageKey, MessageRecord> entry) {
    // A record stored before its site was named (a deployment of one site that became several) is adopted by the
    // writer's site; otherwise seeing it from the writer's site changes nothing stored.
    MessageRecord current = entry.find().map(r -> r.seenFrom(update.site())).orElse(null);
    MessageRecord merged = Merge.merge(current, update);
    if (merged != current) {
      // Final records leave through expiration: the lifecycle, not a cleaner, bounds the working set.
      entry.set(merged.withKeyInstance(entry.key()), metadata.apply(merged));
    }
    return returnMerged ? merged : null;
  }
}
