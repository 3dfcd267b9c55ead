package crosswatch.protocol;

import java.util.Arrays;
import java.util.Collection;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A block header's {@code logsBloom}: 2048 bits, three set per log address and per topic (yellow paper, M3:2048).
 * It says for certain that an address or topic is absent, and only "maybe" that it is present. Comparing it with
 * the bloom of the logs a node returned is how an answer that left logs out is caught: a complete answer has
 * exactly the header's bloom.
 */
public final class LogsBloom {
  public static final int BYTES = 256;

  private final byte[] bits;

  private LogsBloom(byte[] bits) {
    this.bits = bits;
  }

  /** The empty bloom (a block without logs). */
  public static LogsBloom empty() {
    return new LogsBloom(new byte[BYTES]);
  }

  /**
   * The bloom in a header's hex.
   *
   * @throws IllegalArgumentException when it is not 256 bytes of hex
   */
  public static LogsBloom ofHex(String hex) {
    if (hex == null || hex.length() != 2 + 2 * BYTES || !Numeric.containsHexPrefix(hex)
        || !hex.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException("logsBloom must be 0x and 256 bytes of hex");
    }
    return new LogsBloom(Numeric.hexStringToByteArray(hex));
  }

  /** The bloom a block holding exactly these logs has. */
  public static LogsBloom of(Collection<LogEntry> logs) {
    byte[] bits = new byte[BYTES];
    for (LogEntry log : logs) {
      add(bits, log.address());
      log.topics().forEach(topic -> add(bits, topic));
    }
    return new LogsBloom(bits);
  }

  /** False means the block holds no log with this address or topic (0x-prefixed hex); true means it may. */
  public boolean mayContain(String addressOrTopic) {
    byte[] probe = new byte[BYTES];
    add(probe, addressOrTopic);
    return covers(probe);
  }

  /** Whether every bit of {@code other} is set here: the logs of {@code other} may all be in this block. */
  public boolean covers(LogsBloom other) {
    return covers(other.bits);
  }

  private boolean covers(byte[] probe) {
    for (int i = 0; i < BYTES; i++) {
      if ((probe[i] & bits[i]) != probe[i]) {
        return false;
      }
    }
    return true;
  }

  /** Sets the three bits of one address or topic: the low 11 bits of each of the first three byte pairs of its hash. */
  private static void add(byte[] bits, String hex) {
    byte[] hash = Hash.sha3(Numeric.hexStringToByteArray(hex));
    for (int pair = 0; pair < 6; pair += 2) {
      int bit = ((hash[pair] & 0x07) << 8) | (hash[pair + 1] & 0xff);
      bits[BYTES - 1 - bit / 8] |= (byte) (1 << (bit % 8));
    }
  }

  public String toHex() {
    return Numeric.toHexString(bits);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogsBloom other && Arrays.equals(bits, other.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "LogsBloom[" + toHex() + "]";
  }
}
