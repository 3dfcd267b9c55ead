package crosswatch.store;

import crosswatch.protocol.Identifier;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.web3j.utils.Numeric;

/** A valid message record to start tests from; tests change one thing at a time. */
final class Fixtures {
  static final String HASH_A = "0x" + "a".repeat(64);
  static final String HASH_B = "0x" + "b".repeat(64);
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant T1 = T0.plusSeconds(2);
  static final MessageKey KEY = new MessageKey(901, HASH_A, 3);

  private Fixtures() {}

  /** The {@code n}th message of a chain: distinct block hashes, so distinct keys. */
  static MessageKey key(long chainId, long n) {
    return new MessageKey(chainId, Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(n), 64), n % 4);
  }

  static MessageRecord record() {
    return recordFor(KEY);
  }

  static MessageRecord recordFor(MessageKey key) {
    return record(key, 1_000, 1_767_225_600L, Status.PENDING);
  }

  /** A record first seen at {@link #T0} with status {@code status} (pending, valid or reorged) since then. */
  static MessageRecord record(MessageKey key, long blockNumber, long timestamp, Status status) {
    var identifier = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(blockNumber - 10), BigInteger.TWO,
        BigInteger.valueOf(timestamp - 20), BigInteger.valueOf(902));
    return new MessageRecord(key, blockNumber, HASH_B, timestamp, "0x" + "c".repeat(64), identifier, status, null,
        List.of(new HistoryEntry(status, null, T0)), T0, T0, new Stamp(1, "node-a"));
  }
}
