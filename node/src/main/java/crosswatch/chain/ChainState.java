package crosswatch.chain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read-only snapshot of how one chain is followed.
 *
 * @param rpc the active endpoint as it may be shown ({@link ChainEndpoint#display()})
 * @param connected whether the scanner's last step succeeded and some endpoint answers now (an endpoint that hangs
 *     counts as down once a call has waited the request timeout)
 * @param head the latest block number the RPC reported, when known
 * @param scanned the last block whose executing messages have all been found, when any
 * @param lastError the scanner's failure, short and ours, until it scans again; while no endpoint answers and the
 *     scanner has not failed yet, the active endpoint's
 * @param lastErrorAt when the scanner last failed, kept after it recovers
 * @param endpoints every endpoint of the chain in configured order, as its client sees it
 * @param activeEndpoint the index in {@code endpoints} of the one calls go to first
 */
public record ChainState(long chainId, String rpc, boolean connected, OptionalLong head, OptionalLong scanned,
                         Optional<String> lastError, Optional<Instant> lastErrorAt, List<EndpointHealth> endpoints,
                         int activeEndpoint) {
  public ChainState {
    endpoints = List.copyOf(endpoints);
  }
}
