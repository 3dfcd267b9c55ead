package crosswatch.chain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one RPC endpoint fares now, as its client saw it.
 *
 * @param rpc the endpoint as it may be shown ({@link ChainEndpoint#display()})
 * @param connected false when the last attempt failed, before the first success, or while a call has waited longer
 *     than the request timeout (a node that accepts calls and never answers)
 * @param lastError the last attempt's failure, short and ours (e.g. {@code timeout after 10s}); empty once an
 *     attempt succeeded again
 * @param lastErrorAt when a failure was last seen, kept after recovery
 * @param lastOkAt when an attempt last succeeded
 * @param wrongChainId the chain the endpoint serves instead of its own, while that is so
 */
public record EndpointHealth(String rpc, boolean connected, Optional<String> lastError, Optional<Instant> lastErrorAt,
                             Optional<Instant> lastOkAt, OptionalLong wrongChainId) {}
