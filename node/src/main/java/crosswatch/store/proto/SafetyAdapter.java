package crosswatch.store.proto;

import crosswatch.store.Safety;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoEnumValue;
import org.infinispan.protostream.annotations.ProtoName;

/** {@link Safety} on the wire. Numbers are fixed; a new level takes the next unused number. */
@ProtoAdapter(Safety.class)
@ProtoName("Safety")
public enum SafetyAdapter {
  @ProtoEnumValue(number = 1)
  UNSAFE,
  @ProtoEnumValue(number = 2)
  SAFE,
  @ProtoEnumValue(number = 3)
  FINALIZED
}
