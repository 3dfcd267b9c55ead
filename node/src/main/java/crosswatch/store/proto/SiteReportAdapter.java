package crosswatch.store.proto;

import crosswatch.store.SiteReport;
import java.util.ArrayList;
import java.util.List;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/** Lives only in memory (republished every second) but crosses sites, which may run different versions. */
@ProtoAdapter(SiteReport.class)
@ProtoName("SiteReport")
public final class SiteReportAdapter {

  @ProtoFactory
  SiteReport create(String site, List<String> relayNodes, List<String> reachable, Timestamp writtenAt,
                    String writer) {
    return new SiteReport(site, relayNodes, reachable, writtenAt.toInstant(), writer);
  }

  @ProtoField(number = 1)
  String getSite(SiteReport r) {
    return r.site();
  }

  @ProtoField(number = 2, collectionImplementation = ArrayList.class)
  List<String> getRelayNodes(SiteReport r) {
    return r.relayNodes();
  }

  @ProtoField(number = 3, collectionImplementation = ArrayList.class)
  List<String> getReachable(SiteReport r) {
    return r.reachable();
  }

  @ProtoField(number = 4)
  Timestamp getWrittenAt(SiteReport r) {
    return Timestamp.of(r.writtenAt());
  }

  @ProtoField(number = 5)
  String getWriter(SiteReport r) {
    return r.writer();
  }
}
