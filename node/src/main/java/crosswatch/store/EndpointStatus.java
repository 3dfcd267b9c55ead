package crosswatch.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One RPC endpoint of a chain, as the API shows it.
 *
 * @param rpc scheme://host:port only
 * @param active whether calls go to it first
 * @param connected whether its last call succeeded (false while a call waits longer than the request timeout)
 * @param lastError its last failure, short and ours, until a call succeeds again
 * @param lastErrorAt when it last failed, kept after it recovers
 */
public record EndpointStatus(String rpc, boolean active, boolean connected, Optional<String> lastError,
                             Optional<Instant> lastErrorAt) {
  public EndpointStatus {
    Objects.requireNonNull(rpc, "rpc");
  }
}
