package crosswatch.store.proto;

import crosswatch.protocol.Identifier;
import java.math.BigInteger;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * The identifier's numbers are uint256 in a hostile log, so they travel as bytes: {@link BigInteger#toByteArray()}
 * (big-endian two's complement, minimal length). Exact for any value, at most 33 bytes, and nothing to parse;
 * decimal strings would be readable in a protobuf dump but twice the size and a parse per field.
 */
@ProtoAdapter(Identifier.class)
@ProtoName("Identifier")
public final class IdentifierAdapter {

  @ProtoFactory
  Identifier create(String origin, byte[] blockNumber, byte[] logIndex, byte[] timestamp, byte[] chainId) {
    return new Identifier(origin, new BigInteger(blockNumber), new BigInteger(logIndex), new BigInteger(timestamp),
        new BigInteger(chainId));
  }

  @ProtoField(number = 1)
  String getOrigin(Identifier id) {
    return id.origin();
  }

  @ProtoField(number = 2)
  byte[] getBlockNumber(Identifier id) {
    return id.blockNumber().toByteArray();
  }

  @ProtoField(number = 3)
  byte[] getLogIndex(Identifier id) {
    return id.logIndex().toByteArray();
  }

  @ProtoField(number = 4)
  byte[] getTimestamp(Identifier id) {
    return id.timestamp().toByteArray();
  }

  @ProtoField(number = 5)
  byte[] getChainId(Identifier id) {
    return id.chainId().toByteArray();
  }
}
