package crosswatch.store;

import java.util.function.BiFunction;
import org.infinispan.functional.EntryView.ReadWriteEntryView;
import org.infinispan.metadata.EmbeddedMetadata;
import org.infinispan.metadata.Metadata;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * {@link Merge} applied inside the cache, on the key's primary owner under its lock, then on every backup. It
 * travels to them by name (a ProtoStream message, not a lambda) and carries no state but whether the caller wants
 * the merged record back: batches do not, so they do not ship every record back to the writer.
 *
 * <p>Writes only when the merge changed something. On a replica that decoded the command, the entry's key and the
 * record's own key are two equal objects; the record is given the entry's, so a replica keeps one copy. Re-applying it (a retry after a view change, or a backup
 * applying it after the primary) is harmless because the merge is idempotent.
 */
@ProtoName("MergeIntoEntry")
public final class MergeIntoEntry
    implements BiFunction<MessageRecord, ReadWriteEntryView<MessageKey, MessageRecord>, MessageRecord> {

  /**
   * Records never expire. Plain metadata lets Infinispan keep a bare entry; the functional API's default
   * (empty meta-params) costs three more objects, about 70 bytes, on every stored record.
   */
  private static final Metadata IMMORTAL = new EmbeddedMetadata.Builder().build();

  static final MergeIntoEntry RETURNING = new MergeIntoEntry(true);
  static final MergeIntoEntry SILENT = new MergeIntoEntry(false);

  private final boolean returnMerged;

  @ProtoFactory
  MergeIntoEntry(boolean returnMerged) {
    this.returnMerged = returnMerged;
  }

  @ProtoField(number = 1, defaultValue = "false")
  boolean isReturnMerged() {
    return returnMerged;
  }

  @Override
  public MessageRecord apply(MessageRecord update, ReadWriteEntryView<MessageKey, MessageRecord> entry) {
    MessageRecord current = entry.find().orElse(null);
    MessageRecord merged = Merge.merge(current, update);
    if (merged != current) {
      entry.set(merged.withKeyInstance(entry.key()), IMMORTAL);
    }
    return returnMerged ? merged : null;
  }
}
