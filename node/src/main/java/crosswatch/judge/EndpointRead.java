package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.Objects;

/** What one endpoint of a chain answered when asked for a whole block. */
public sealed interface EndpointRead {

  /** @param endpoint the endpoint as it may be shown (scheme://host:port) */
  record Read(String endpoint, InitiatingBlock block) implements EndpointRead {
    public Read {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(block, "block");
    }
  }

  record Failed(String endpoint, String error) implements EndpointRead {
    public Failed {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(error, "error");
    }
  }
}
