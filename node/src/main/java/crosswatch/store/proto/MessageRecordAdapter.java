package crosswatch.store.proto;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.SiteVerdict;
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
 * absent when the record holds null. Decoding shares one instant between first-seen, last-checked and history
 * entries where they are equal (a new record's are). Fields 13 to 17 (the lifecycle) came later: a record written
 * without them reads as not yet followed (unsafe, not final, no flips, unchecked).
 *
 * <p>Sites came later still. The verdict fields of the record as it was before (7, 8, 9, 12 to 16) carry the first
 * verdict in site order, field 18 that verdict's site (absent for the unnamed site of a one-site deployment) and
 * field 19 the other sites' verdicts. A record written before sites existed therefore reads as one verdict of the
 * unnamed site, which the reading store takes as its own; and a replica that does not know sites yet reads the
 * first site's verdict as the record's.
 */
@ProtoAdapter(MessageRecord.class)
@ProtoName("MessageRecord")
public final class MessageRecordAdapter {

  @ProtoFactory
  MessageRecord create(MessageKey key, long executingBlockNumber, String executingTxHash, long executingTimestamp,
                       String msgHash, Identifier identifier, Status status, Reason reason,
                       List<HistoryEntry> history, Timestamp firstSeenAt, Timestamp lastCheckedAt, Stamp stamp,
                       Safety executingSafety, Safety initiatingSafety, boolean isFinal, int flips,
                       AccessListCheck accessList, String site, List<SiteVerdict> otherSites) {
    Instant firstSeen = firstSeenAt.toInstant();
    Instant lastChecked = Canonical.instant(lastCheckedAt.toInstant(), firstSeen);
    List<HistoryEntry> sharing = history.stream()
        .map(h -> new HistoryEntry(h.status(), h.reason(),
            Canonical.instant(Canonical.instant(h.at(), firstSeen), lastChecked)))
        .toList();
    var first = new SiteVerdict(Canonical.text(Objects.requireNonNullElse(site, "")), status, reason, sharing,
        stamp, Objects.requireNonNullElse(executingSafety, Safety.UNSAFE),
        Objects.requireNonNullElse(initiatingSafety, Safety.UNSAFE), isFinal, flips);
    List<SiteVerdict> verdicts = otherSites.isEmpty() ? List.of(first) : concat(first, otherSites);
    return new MessageRecord(key, executingBlockNumber, Hash32.parse(executingTxHash, "executing tx hash"),
        executingTimestamp, Hash32.parseNullable(msgHash, "message hash"), identifier, verdicts, firstSeen,
        lastChecked, Objects.requireNonNullElse(accessList, AccessListCheck.UNCHECKED), first.site());
  }

  private static List<SiteVerdict> concat(SiteVerdict first, List<SiteVerdict> others) {
    var all = new ArrayList<SiteVerdict>(others.size() + 1);
    all.add(first);
    all.addAll(others);
    return all;
  }

  private static SiteVerdict first(MessageRecord r) {
    return r.verdicts().getFirst();
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
    return first(r).status();
  }

  @ProtoField(number = 8)
  Reason getReason(MessageRecord r) {
    return first(r).reason();
  }

  @ProtoField(number = 9, collectionImplementation = ArrayList.class)
  List<HistoryEntry> getHistory(MessageRecord r) {
    return first(r).history();
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
    return first(r).stamp();
  }

  @ProtoField(number = 13)
  Safety getExecutingSafety(MessageRecord r) {
    return first(r).executingSafety();
  }

  @ProtoField(number = 14)
  Safety getInitiatingSafety(MessageRecord r) {
    return first(r).initiatingSafety();
  }

  @ProtoField(number = 15, defaultValue = "false")
  boolean getIsFinal(MessageRecord r) {
    return first(r).isFinal();
  }

  @ProtoField(number = 16, defaultValue = "0")
  int getFlips(MessageRecord r) {
    return first(r).flips();
  }

  @ProtoField(number = 17)
  AccessListCheck getAccessList(MessageRecord r) {
    return r.accessList();
  }

  @ProtoField(number = 18)
  String getSite(MessageRecord r) {
    String site = first(r).site();
    return site.isEmpty() ? null : site;
  }

  @ProtoField(number = 19, collectionImplementation = ArrayList.class)
  List<SiteVerdict> getOtherSites(MessageRecord r) {
    return r.verdicts().subList(1, r.verdicts().size());
  }
}
