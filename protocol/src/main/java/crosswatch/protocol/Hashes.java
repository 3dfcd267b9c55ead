package crosswatch.protocol;

import java.util.List;
import java.util.stream.Stream;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** The message and log hashes of the interop protocol; results are lowercase 0x-prefixed hex. */
public final class Hashes {

  private Hashes() {}

  /**
   * keccak256(topic0 ++ topic1 ++ ... ++ data): what an executing message's {@code msgHash} must equal.
   * Topics and data are trusted to be well-formed hex, as a node's RPC returns them.
   */
  public static String payloadHash(List<String> topics, String data) {
    byte[][] parts = Stream.concat(topics.stream(), Stream.of(data))
        .map(Numeric::hexStringToByteArray)
        .toArray(byte[][]::new);
    return Words.hex(Hash.sha3(Words.concat(parts)));
  }

  public static String payloadHash(LogEntry log) {
    return payloadHash(log.topics(), log.data());
  }

  /**
   * keccak256(bytes20(origin) ++ msgHash), which binds the emitter to the payload.
   *
   * @throws IllegalArgumentException if origin is not 20 bytes or msgHash not 32 bytes of hex
   */
  public static String logHash(String origin, String msgHash) {
    return Words.hex(Hash.sha3(Words.concat(Words.fixed(origin, 20), Words.fixed(msgHash, Words.WORD))));
  }
}
