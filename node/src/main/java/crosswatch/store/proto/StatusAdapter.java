package crosswatch.store.proto;

import crosswatch.store.Status;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoEnumValue;
import org.infinispan.protostream.annotations.ProtoName;

/** {@link Status} on the wire. Numbers are fixed; a new status takes the next unused number. */
@ProtoAdapter(Status.class)
@ProtoName("Status")
public enum StatusAdapter {
  @ProtoEnumValue(number = 1)
  PENDING,
  @ProtoEnumValue(number = 2)
  VALID,
  @ProtoEnumValue(number = 3)
  INVALID,
  @ProtoEnumValue(number = 4)
  REORGED
}
