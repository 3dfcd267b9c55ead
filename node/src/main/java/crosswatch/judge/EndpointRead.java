package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.Objects;

/** What one endpoint of a chain answered when asked for a whole block. */
public sealed interface EndpointRead {

  /** The endpoint as it may be shown (scheme://host:port). */
  String endpoint();

  record Read(String endpoint, InitiatingBlock block) implements EndpointRead {
    public Read {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(block, "block");
    }
  }

  /**
   * The endpoint named the block at the height ({@code hash}), but its logs could not be read completely: enough
   * to show that it disagrees with another endpoint about the block, not to judge on.
   */
  record Partial(String endpoint, String hash, String error) implements EndpointRead {
    public Partial {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(error, "error");
    }
  }

  record Failed(String endpoint, String error) implements EndpointRead {
    public Failed {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(error, "error");
    }
  }
}
