package crosswatch.store.proto;

import crosswatch.protocol.AccessListCheck;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoEnumValue;
import org.infinispan.protostream.annotations.ProtoName;

/** {@link AccessListCheck} on the wire. Numbers are fixed; a new result takes the next unused number. */
@ProtoAdapter(AccessListCheck.class)
@ProtoName("AccessListCheck")
public enum AccessListCheckAdapter {
  @ProtoEnumValue(number = 1)
  OK,
  @ProtoEnumValue(number = 2)
  MISSING,
  @ProtoEnumValue(number = 3)
  MISMATCH,
  @ProtoEnumValue(number = 4)
  UNCHECKED
}
