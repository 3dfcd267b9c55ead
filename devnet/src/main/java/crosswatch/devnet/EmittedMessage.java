package crosswatch.devnet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One executing message the traffic generator put on a chain, with the verdict it deserves: what a monitor's
 * answer is compared against.
 *
 * @param blockHash lowercase 0x-prefixed hash of the executing block
 * @param logIndex block-wide index of the inbox log
 * @param initiatingChainId the chain the message points at (for a malformed one: the chain whose log it was made
 *     from; for an unknown-chain one: {@link Broken#UNKNOWN_CHAIN_ID})
 * @param reason the wire name of the reason it is invalid, empty when it is valid
 * @param minedAt when the generator saw its receipt
 */
public record EmittedMessage(long executingChainId, long blockNumber, String blockHash, long logIndex,
                             long initiatingChainId, Optional<String> reason, Instant minedAt) {
  public EmittedMessage {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(minedAt, "minedAt");
  }

  /** {@code valid} or {@code invalid}, as a monitor's status. */
  public String status() {
    return reason.isEmpty() ? "valid" : "invalid";
  }

  /** The monitor's id of the message: {@code <chainId>-<blockHash>-<logIndex>}. */
  public String id() {
    return executingChainId + "-" + blockHash + "-" + logIndex;
  }
}
