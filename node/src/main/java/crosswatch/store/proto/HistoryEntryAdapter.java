package crosswatch.store.proto;

import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.Status;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(HistoryEntry.class)
@ProtoName("HistoryEntry")
public final class HistoryEntryAdapter {

  @ProtoFactory
  HistoryEntry create(Status status, Reason reason, Timestamp at) {
    return new HistoryEntry(status, reason, at.toInstant());
  }

  @ProtoField(number = 1)
  Status getStatus(HistoryEntry entry) {
    return entry.status();
  }

  @ProtoField(number = 2)
  Reason getReason(HistoryEntry entry) {
    return entry.reason();
  }

  @ProtoField(number = 3)
  Timestamp getAt(HistoryEntry entry) {
    return Timestamp.of(entry.at());
  }
}
