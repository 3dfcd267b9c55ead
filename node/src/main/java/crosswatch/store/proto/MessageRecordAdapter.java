package crosswatch.store.proto;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * Hashes travel and are stored as their text (0x and 64 hex digits), as they were before the heap held them as
 * words, so data written either way reads the same. Fields 5 (message hash), 6 (identifier) and 8 (reason) are
 * absent when the record holds null. Decoding shares one instant between first-seen, last-checked and history entries where they are equal (a new record's are).
 * Fields 13 to 17 (the lifecycle) came later: a record written without them reads as not yet followed (unsafe,
 * not final, no flips, unchecked).
 */
@ProtoAdapter(MessageRecord.class)
@ProtoName("MessageRecord")
public final class MessageRecordAdapter {

  @ProtoFactory
  MessageRecord create(MessageKey key, long executingBlockNumber, String executingTxHash, long executingTimestamp,
                       String msgHash, Identifier identifier, Status status, Reason reason,
                       List<HistoryEntry> history, Timestamp firstSeenAt, Timestamp lastCheckedAt, Stamp stamp,
                       Safety executingSafety, Safety initiatingSafety, boolean isFinal, int flips,
                       AccessListCheck accessList) {
    Instant firstSeen = firstSeenAt.toInstant();
    Instant lastChecked = Canonical.instant(lastCheckedAt.toInstant(), firstSeen);
    List<HistoryEntry> sharing = history.stream()
        .map(h -> new HistoryEntry(h.status(), h.reason(),
            Canonical.instant(Canonical.instant(h.at(), firstSeen), lastChecked)))
        .toList();
    return new MessageRecord(key, executingBlockNumber, Hash32.parse(executingTxHash, "executing tx hash"),
        executingTimestamp, Hash32.parseNullable(msgHash, "message hash"), identifier,
        status, reason, sharing, firstSeen, lastChecked, stamp,
        Objects.requireNonNullElse(executingSafety, Safety.UNSAFE),
        Objects.requireNonNullElse(initiatingSafety, Safety.UNSAFE), isFinal, flips,
        Objects.requireNonNullElse(accessList, AccessListCheck.UNCHECKED));
  }

  @ProtoField(number = 1)
  MessageKey getKey(MessageRecord r) {
    return r.key();
  }

  @ProtoField(number = 2, defaultValue = "0")
  long getExecutingBlockNumber(MessageRecord r) {
    return r.executingBlockNumber();
  }

  @ProtoField(number = 3)
  String getExecutingTxHash(MessageRecord r) {
    return r.executingTxHash().toString();
  }

  @ProtoField(number = 4, defaultValue = "0")
  long getExecutingTimestamp(MessageRecord r) {
    return r.executingTimestamp();
  }

  @ProtoField(number = 5)
  String getMsgHash(MessageRecord r) {
    return Hash32.text(r.msgHash());
  }

  @ProtoField(number = 6)
  Identifier getIdentifier(MessageRecord r) {
    return r.identifier();
  }

  @ProtoField(number = 7)
  Status getStatus(MessageRecord r) {
    return r.status();
  }

  @ProtoField(number = 8)
  Reason getReason(MessageRecord r) {
    return r.reason();
  }

  @ProtoField(number = 9, collectionImplementation = ArrayList.class)
  List<HistoryEntry> getHistory(MessageRecord r) {
    return r.history();
  }

  @ProtoField(number = 10)
  Timestamp getFirstSeenAt(MessageRecord r) {
    return Timestamp.of(r.firstSeenAt());
  }

  @ProtoField(number = 11)
  Timestamp getLastCheckedAt(MessageRecord r) {
    return Timestamp.of(r.lastCheckedAt());
  }

  @ProtoField(number = 12)
  Stamp getStamp(MessageRecord r) {
    return r.stamp();
  }

  @ProtoField(number = 13)
  Safety getExecutingSafety(MessageRecord r) {
    return r.executingSafety();
  }

  @ProtoField(number = 14)
  Safety getInitiatingSafety(MessageRecord r) {
    return r.initiatingSafety();
  }

  @ProtoField(number = 15, defaultValue = "false")
  boolean getIsFinal(MessageRecord r) {
    return r.isFinal();
  }

  @ProtoField(number = 16, defaultValue = "0")
  int getFlips(MessageRecord r) {
    return r.flips();
  }

  @ProtoField(number = 17)
  AccessListCheck getAccessList(MessageRecord r) {
    return r.accessList();
  }
}
