package crosswatch.protocol;

import java.util.List;
import java.util.Optional;

/**
 * Strict decoding of {@code ExecutingMessage} logs of the CrossL2Inbox predeploy. The caller has already
 * selected logs emitted by {@link #CROSS_L2_INBOX}; this class only reads their topics and data.
 */
public final class ExecutingMessageDecoder {

  /** The CrossL2Inbox predeploy address. */
  public static final String CROSS_L2_INBOX = "0x4200000000000000000000000000000000000022";

  /** keccak256("ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))"). */
  public static final String EXECUTING_MESSAGE_TOPIC =
      "0x5c37832d2e8d10e346e55ad62071a6a2f9fa5130614ef2ec6617555c6f467ba7";

  /** abi.encode(Identifier): five static words. */
  static final int DATA_LENGTH = 5 * Words.WORD;

  private ExecutingMessageDecoder() {}

  /**
   * Decodes one inbox log. Hex may be in any case; what comes out is lowercase. Never throws: anything the
   * protocol does not accept is {@link Decoded.Malformed} with the first failing check as its detail, in this
   * order: topic count, topic0, topic1, data hex, data length, origin padding, blockNumber, logIndex, timestamp.
   *
   * @param topics 0x-prefixed topics, topic0 first
   * @param data 0x-prefixed data
   */
  public static Decoded decode(List<String> topics, String data) {
    List<String> given = topics == null ? List.of() : topics;
    Optional<byte[]> topic1 = given.size() >= 2 ? word(given.get(1)) : Optional.empty();
    Optional<byte[]> bytes = Words.strictHex(data);
    String msgHash = topic1.map(Words::hex).orElse(null);
    Identifier identifier = bytes.filter(b -> b.length == DATA_LENGTH).map(ExecutingMessageDecoder::read).orElse(null);
    String problem = firstProblem(given, topic1, bytes);
    return problem == null
        ? new Decoded.Ok(new ExecutingMessage(msgHash, identifier))
        : new Decoded.Malformed(problem, identifier, msgHash);
  }

  private static String firstProblem(List<String> topics, Optional<byte[]> topic1, Optional<byte[]> data) {
    if (topics.size() != 2) {
      return "expected 2 topics, got " + topics.size();
    }
    Optional<byte[]> topic0 = word(topics.get(0));
    if (topic0.isEmpty()) {
      return "topic0 is not 32 bytes of 0x-prefixed hex";
    }
    if (!Words.hex(topic0.get()).equals(EXECUTING_MESSAGE_TOPIC)) {
      return "topic0 " + Words.hex(topic0.get()) + " is not the ExecutingMessage event signature";
    }
    if (topic1.isEmpty()) {
      return "topic1 (msgHash) is not 32 bytes of 0x-prefixed hex";
    }
    if (data.isEmpty()) {
      return "data is not 0x-prefixed even-length hex";
    }
    byte[] bytes = data.get();
    if (bytes.length != DATA_LENGTH) {
      return "data is " + bytes.length + " bytes, expected " + DATA_LENGTH;
    }
    return paddingProblem(bytes);
  }

  /** Checks each word's padding: the identifier's numbers are uint256 in the ABI but bounded by the protocol. */
  private static String paddingProblem(byte[] data) {
    if (!Words.zeros(data, 0, 12)) {
      return "identifier.origin has non-zero padding";
    }
    if (!Words.zeros(data, Words.WORD, Words.WORD + 24)) {
      return "identifier.blockNumber does not fit uint64";
    }
    if (!Words.zeros(data, 2 * Words.WORD, 2 * Words.WORD + 28)) {
      return "identifier.logIndex does not fit uint32";
    }
    if (!Words.zeros(data, 3 * Words.WORD, 3 * Words.WORD + 24)) {
      return "identifier.timestamp does not fit uint64";
    }
    return null;
  }

  /** The identifier without padding checks: origin is the word's low 20 bytes, numbers are full words. */
  private static Identifier read(byte[] data) {
    byte[] origin = new byte[20];
    System.arraycopy(data, 12, origin, 0, 20);
    return new Identifier(Words.hex(origin),
        Words.unsignedAt(data, Words.WORD, Words.WORD),
        Words.unsignedAt(data, 2 * Words.WORD, Words.WORD),
        Words.unsignedAt(data, 3 * Words.WORD, Words.WORD),
        Words.unsignedAt(data, 4 * Words.WORD, Words.WORD));
  }

  private static Optional<byte[]> word(String hex) {
    return Words.strictHex(hex).filter(b -> b.length == Words.WORD);
  }
}
