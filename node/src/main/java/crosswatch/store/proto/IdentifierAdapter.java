package crosswatch.store.proto;

import crosswatch.protocol.Identifier;
import java.math.BigInteger;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * The identifier's numbers are uint256 in a hostile log, so they travel as bytes: {@link BigInteger#toByteArray()}
 * (big-endian two's complement, minimal length). Exact for any value, at most 33 bytes, and nothing to parse;
 * decimal strings would be readable in a protobuf dump but twice the size and a parse per field.
 *
 * <p>Decoding shares the origin address and the chain id between records: they repeat across most messages.
 */
@ProtoAdapter(Identifier.class)
@ProtoName("Identifier")
public final class IdentifierAdapter {
  /** Chain ids are few; a hostile log can invent many, so sharing stops at this many distinct values. */
  private static final int MAX_SHARED_CHAIN_IDS = 1024;

  /** One copy of each initiating chain id for every record read through this adapter (one per cache manager). */
  private final ConcurrentHashMap<BigInteger, BigInteger> chainIds = new ConcurrentHashMap<>();

  @ProtoFactory
  Identifier create(String origin, byte[] blockNumber, byte[] logIndex, byte[] timestamp, byte[] chainId) {
    return new Identifier(Canonical.text(origin), new BigInteger(blockNumber), new BigInteger(logIndex),
        new BigInteger(timestamp), shared(new BigInteger(chainId)));
  }

  private BigInteger shared(BigInteger chainId) {
    BigInteger known = chainIds.get(chainId);
    if (known != null || chainIds.size() >= MAX_SHARED_CHAIN_IDS) {
      return known != null ? known : chainId;
    }
    BigInteger raced = chainIds.putIfAbsent(chainId, chainId);
    return raced != null ? raced : chainId;
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
