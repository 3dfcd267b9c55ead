package crosswatch.protocol;

import java.util.Objects;

/** The result of strictly decoding an {@code ExecutingMessage} log: never an exception. */
public sealed interface Decoded permits Decoded.Ok, Decoded.Malformed {

  record Ok(ExecutingMessage message) implements Decoded {
    public Ok {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The inbox emitted a log that the protocol does not accept. It is surfaced as invalid with
   * {@link Reason#MALFORMED_EVENT}, never dropped.
   *
   * @param detail what exactly is wrong, e.g. "identifier.logIndex does not fit uint32"
   * @param bestEffort the identifier read without the padding checks, when the data had 160 bytes; else null
   * @param msgHash topic1 when present; else null
   */
  record Malformed(String detail, Identifier bestEffort, String msgHash) implements Decoded {
    public Malformed {
      Objects.requireNonNull(detail, "detail");
    }
  }
}
