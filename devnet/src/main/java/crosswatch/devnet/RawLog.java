package crosswatch.devnet;

import java.util.List;
import org.web3j.utils.Numeric;

/**
 * A log as the caller chooses it: 0 to 4 topics of 32 bytes and any data.
 *
 * @param topics 0x-prefixed 32-byte hex, topic0 first
 * @param data 0x-prefixed hex ("0x" when empty)
 */
public record RawLog(List<String> topics, String data) {
  private static final int MAX_TOPICS = 4;

  public RawLog {
    topics = List.copyOf(topics);
    if (topics.size() > MAX_TOPICS) {
      throw new IllegalArgumentException("a log has at most 4 topics, got " + topics.size());
    }
    for (String topic : topics) {
      if (Numeric.hexStringToByteArray(topic).length != 32) {
        throw new IllegalArgumentException("topic is not 32 bytes: " + topic);
      }
    }
    if (!Numeric.containsHexPrefix(data)) {
      throw new IllegalArgumentException("data must be 0x-prefixed hex, got " + data);
    }
    Numeric.hexStringToByteArray(data);
  }

  public static RawLog of(List<String> topics, byte[] data) {
    return new RawLog(topics, Numeric.toHexString(data));
  }

  public byte[] dataBytes() {
    return Numeric.hexStringToByteArray(data);
  }
}
