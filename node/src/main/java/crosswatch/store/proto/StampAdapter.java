package crosswatch.store.proto;

import crosswatch.store.Stamp;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

@ProtoAdapter(Stamp.class)
@ProtoName("Stamp")
public final class StampAdapter {

  @ProtoFactory
  Stamp create(long hlc, String writer) {
    return new Stamp(hlc, Canonical.text(writer));
  }

  @ProtoField(number = 1, defaultValue = "0")
  long getHlc(Stamp stamp) {
    return stamp.hlc();
  }

  @ProtoField(number = 2)
  String getWriter(Stamp stamp) {
    return stamp.writer();
  }
}
