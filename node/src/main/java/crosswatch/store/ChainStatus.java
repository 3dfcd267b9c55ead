package crosswatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one configured chain is followed, as the API and the gauges show it.
 *
 * @param rpc the endpoint as scheme://host:port only
 * @param latest the newest block number the RPC reported, when known
 * @param safe the newest safe block number, when known
 * @param finalized the newest finalized block number, when known
 * @param latestTimestamp the timestamp (unix seconds) of the newest block, when known
 * @param checkpoint the last block whose executing messages have all been found, when any
 * @param owners the nodes that scan this chain
 * @param lastError the scanner's failure, until it scans again
 * @param lastErrorAt when the scanner last failed, kept after it recovers
 * @param endpoints every endpoint of the chain as this replica's scanner sees it; empty where another replica
 *     scans the chain
 */
public record ChainStatus(long chainId, String rpc, boolean connected, OptionalLong latest, OptionalLong safe,
                          OptionalLong finalized, OptionalLong latestTimestamp, OptionalLong checkpoint,
                          List<String> owners, Optional<String> lastError, Optional<Instant> lastErrorAt,
                          List<EndpointStatus> endpoints) {
  public ChainStatus {
    Objects.requireNonNull(rpc, "rpc");
    owners = List.copyOf(owners);
    endpoints = List.copyOf(endpoints);
  }

  /** Blocks between the latest head and the checkpoint, when both are known. */
  public OptionalLong lagBlocks() {
    return latest.isPresent() && checkpoint.isPresent()
        ? OptionalLong.of(Math.max(0, latest.getAsLong() - checkpoint.getAsLong()))
        : OptionalLong.empty();
  }
}
