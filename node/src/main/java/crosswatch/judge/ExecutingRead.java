package crosswatch.judge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What one endpoint of a message's executing chain answered about the block the message was found in. */
public sealed interface ExecutingRead {

  /** The endpoint as it may be shown (scheme://host:port). */
  String endpoint();

  /**
   * @param hashAtHeight the hash of the endpoint's block at the message's height; empty when it has none (yet)
   * @param inboxLogs the inbox logs of that block, proven complete against its bloom, when it is the message's
   *     block; else empty
   */
  record Read(String endpoint, Optional<String> hashAtHeight, List<FoundLog> inboxLogs) implements ExecutingRead {
    public Read {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(hashAtHeight, "hashAtHeight");
      inboxLogs = List.copyOf(inboxLogs);
    }
  }

  record Failed(String endpoint, String error) implements ExecutingRead {
    public Failed {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(error, "error");
    }
  }
}
