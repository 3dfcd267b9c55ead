package crosswatch.protocol;

import java.util.List;

/** Strict decoding of {@code ExecutingMessage} logs of the CrossL2Inbox predeploy. */
public final class ExecutingMessageDecoder {

  /** The CrossL2Inbox predeploy address. */
  public static final String CROSS_L2_INBOX = "0x4200000000000000000000000000000000000022";

  /** keccak256("ExecutingMessage(bytes32,(address,uint256,uint256,uint256,uint256))"). */
  public static final String EXECUTING_MESSAGE_TOPIC =
      "0x5c37832d2e8d10e346e55ad62071a6a2f9fa5130614ef2ec6617555c6f467ba7";

  private ExecutingMessageDecoder() {}

  /** Decodes one inbox log given its topics and data (0x-prefixed hex). TODO(protocol): implement. */
  public static Decoded decode(List<String> topics, String data) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
