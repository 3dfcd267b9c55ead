package crosswatch.store.proto;

import crosswatch.protocol.Identifier;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;
import org.infinispan.protostream.annotations.ProtoName;

/**
 * The identifier's numbers are uint256 in a hostile log, so they travel as bytes: {@link BigInteger#toByteArray()}
 * (big-endian two's complement, minimal length). Exact for any value, at most 33 bytes, and nothing to parse;
 * decimal strings would be readable in a protobuf dump but twice the size and a parse per field.
 *
 * <p>Decoding shares values between records: the origin address and the chain id repeat across most messages, and
 * the block number and timestamp across the messages that point into one initiating block; small numbers (log
 * indexes, mostly) come from a table without decoding. Three numbers per record are most of its heap otherwise.
 */
@ProtoAdapter(Identifier.class)
@ProtoName("Identifier")
public final class IdentifierAdapter {
  /** Numbers below this are taken from {@link #SMALL}. */
  private static final int SMALL_LIMIT = 1024;

  private static final List<BigInteger> SMALL =
      IntStream.range(0, SMALL_LIMIT).mapToObj(BigInteger::valueOf).toList();

  /** Chain ids are few; block numbers and timestamps repeat within a block. One table each per cache manager. */
  private final Interner<BigInteger> chainIds = new Interner<>(1024);
  private final Interner<BigInteger> blockNumbers = new Interner<>(4096);
  private final Interner<BigInteger> timestamps = new Interner<>(4096);

  @ProtoFactory
  Identifier create(String origin, byte[] blockNumber, byte[] logIndex, byte[] timestamp, byte[] chainId) {
    return new Identifier(Canonical.text(origin), number(blockNumber, blockNumbers), number(logIndex, null),
        number(timestamp, timestamps), number(chainId, chainIds));
  }

  /** {@link BigInteger#toByteArray()} read back: from the table when small, else shared through {@code interner}. */
  private static BigInteger number(byte[] twosComplement, Interner<BigInteger> interner) {
    if (twosComplement.length <= 2 && twosComplement.length > 0) {
      int value = twosComplement.length == 1 ? twosComplement[0]
          : (twosComplement[0] << 8) | (twosComplement[1] & 0xff);
      if (value >= 0 && value < SMALL_LIMIT) {
        return SMALL.get(value);
      }
    }
    BigInteger value = new BigInteger(twosComplement);
    return interner == null ? value : interner.share(value);
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
