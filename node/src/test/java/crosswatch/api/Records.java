package crosswatch.api;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.utils.Numeric;

/** Message records for API tests: a valid fixture whose fields tests vary one at a time. */
final class Records {
  static final Instant SEEN = Instant.parse("2025-03-01T12:00:00Z");

  private Records() {}

  static String hash(long n) {
    return Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(n), 64);
  }

  /** A message executed on {@code chainId} at {@code timestamp}, pointing into {@code initiatingChainId}. */
  static MessageRecord record(long chainId, long block, long logIndex, long timestamp, long initiatingChainId,
                              Status status) {
    Reason reason = status == Status.INVALID ? Reason.PAYLOAD_MISMATCH : null;
    var identifier = new Identifier("0x" + "ab".repeat(20), BigInteger.valueOf(block), BigInteger.valueOf(logIndex),
        BigInteger.valueOf(timestamp - 10), BigInteger.valueOf(initiatingChainId));
    return new MessageRecord(new MessageKey(chainId, hash(block), logIndex), block, hash(1_000_000 + block),
        timestamp, hash(2_000_000 + logIndex), identifier, status, reason,
        List.of(new HistoryEntry(status, reason, SEEN)), SEEN, SEEN.plusSeconds(5), new Stamp(1, "test"));
  }

  /** {@code r} judged again as {@code status} one second later, by a newer writer stamp. */
  static MessageRecord rejudged(MessageRecord r, Status status, long hlc) {
    Reason reason = status == Status.INVALID ? Reason.EXPIRED : null;
    return r.withStatus(status, reason, r.lastCheckedAt().plusSeconds(1), new Stamp(hlc, "test"));
  }
}
