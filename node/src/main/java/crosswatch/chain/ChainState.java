package crosswatch.chain;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A read-only snapshot of how one chain is followed.
 *
 * @param rpc the endpoint as it may be shown ({@link ChainEndpoint#display()})
 * @param connected whether the last call to the chain's RPC succeeded
 * @param head the latest block number the RPC reported, when known
 * @param scanned the last block whose executing messages have all been found, when any
 * @param lastError the latest failure, kept after the chain recovers
 */
public record ChainState(long chainId, String rpc, boolean connected, OptionalLong head, OptionalLong scanned,
                         Optional<String> lastError) {}
