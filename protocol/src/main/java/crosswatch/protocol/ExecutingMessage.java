package crosswatch.protocol;

import java.util.Objects;

/**
 * A strictly decoded {@code ExecutingMessage(bytes32 indexed msgHash, Identifier id)} log.
 *
 * @param msgHash lowercase 0x-prefixed keccak256 of the initiating log's payload, as claimed by the executor
 */
public record ExecutingMessage(String msgHash, Identifier identifier) {
  public ExecutingMessage {
    Objects.requireNonNull(msgHash, "msgHash");
    Objects.requireNonNull(identifier, "identifier");
  }
}
