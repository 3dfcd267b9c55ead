package crosswatch.store.proto;

import crosswatch.protocol.Reason;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoEnumValue;
import org.infinispan.protostream.annotations.ProtoName;

/** {@link Reason} on the wire. Numbers are fixed; a new reason takes the next unused number. */
@ProtoAdapter(Reason.class)
@ProtoName("Reason")
public enum ReasonAdapter {
  @ProtoEnumValue(number = 1)
  UNKNOWN_CHAIN,
  @ProtoEnumValue(number = 2)
  LOG_MISSING,
  @ProtoEnumValue(number = 3)
  ORIGIN_MISMATCH,
  @ProtoEnumValue(number = 4)
  PAYLOAD_MISMATCH,
  @ProtoEnumValue(number = 5)
  TIMESTAMP_MISMATCH,
  @ProtoEnumValue(number = 6)
  INITIATED_AFTER_EXECUTING,
  @ProtoEnumValue(number = 7)
  EXPIRED,
  @ProtoEnumValue(number = 8)
  INTEROP_INACTIVE,
  @ProtoEnumValue(number = 9)
  MALFORMED_EVENT
}
