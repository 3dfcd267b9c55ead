package crosswatch.store.proto;

import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.Safety;
import crosswatch.store.SiteVerdict;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/** One site's verdict on the wire: a record's verdicts after its first (see {@link MessageRecordAdapter}). */
@ProtoAdapter(SiteVerdict.class)
@ProtoName("SiteVerdict")
public final class SiteVerdictAdapter {

  @ProtoFactory
  SiteVerdict create(String site, Status status, Reason reason, List<HistoryEntry> history, Stamp stamp,
                     Safety executingSafety, Safety initiatingSafety, boolean isFinal, int flips) {
    return new SiteVerdict(Canonical.text(Objects.requireNonNullElse(site, "")), status, reason, history, stamp,
        Objects.requireNonNullElse(executingSafety, Safety.UNSAFE),
        Objects.requireNonNullElse(initiatingSafety, Safety.UNSAFE), isFinal, flips);
  }

  @ProtoField(number = 1)
  String getSite(SiteVerdict v) {
    return v.site();
  }

  @ProtoField(number = 2)
  Status getStatus(SiteVerdict v) {
    return v.status();
  }

  @ProtoField(number = 3)
  Reason getReason(SiteVerdict v) {
    return v.reason();
  }

  @ProtoField(number = 4, collectionImplementation = ArrayList.class)
  List<HistoryEntry> getHistory(SiteVerdict v) {
    return v.history();
  }

  @ProtoField(number = 5)
  Stamp getStamp(SiteVerdict v) {
    return v.stamp();
  }

  @ProtoField(number = 6)
  Safety getExecutingSafety(SiteVerdict v) {
    return v.executingSafety();
  }

  @ProtoField(number = 7)
  Safety getInitiatingSafety(SiteVerdict v) {
    return v.initiatingSafety();
  }

  @ProtoField(number = 8, defaultValue = "false")
  boolean getIsFinal(SiteVerdict v) {
    return v.isFinal();
  }

  @ProtoField(number = 9, defaultValue = "0")
  int getFlips(SiteVerdict v) {
    return v.flips();
  }
}
