package crosswatch.protocol;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code Identifier} an executing message points at: where the initiating log is said to be.
 * Numbers are {@link BigInteger} because a malformed or hostile identifier can hold any uint256;
 * strict decoding ({@link ExecutingMessageDecoder}) is what bounds them to uint64/uint32.
 *
 * @param origin lowercase 0x-prefixed 20-byte address that emitted the initiating log
 */
public record Identifier(String origin, BigInteger blockNumber, BigInteger logIndex, BigInteger timestamp,
                         BigInteger chainId) {
  public Identifier {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(blockNumber, "blockNumber");
    Objects.requireNonNull(logIndex, "logIndex");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(chainId, "chainId");
  }
}
