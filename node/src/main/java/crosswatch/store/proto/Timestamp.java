package crosswatch.store.proto;

import java.time.Instant;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * An instant on the wire as seconds and nanoseconds, like google.protobuf.Timestamp. ProtoStream maps a bare
 * {@link Instant} to fixed64 milliseconds, which would drop the sub-millisecond part: the originator would keep
 * its exact record while the other replicas held a truncated one, and the copies would never compare equal.
 */
@ProtoName("Timestamp")
record Timestamp(
    @ProtoField(number = 1, defaultValue = "0") long seconds,
    @ProtoField(number = 2, defaultValue = "0") int nanos) {

  static Timestamp of(Instant instant) {
    return new Timestamp(instant.getEpochSecond(), instant.getNano());
  }

  Instant toInstant() {
    return Instant.ofEpochSecond(seconds, nanos);
  }
}
