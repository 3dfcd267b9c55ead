package crosswatch.devnet;

import java.util.List;
import java.util.Objects;

/**
 * Where a transaction's logs from the inbox landed.
 *
 * @param timestamp the block's timestamp: what the identifiers are judged against
 * @param logIndexes block-wide indexes of the inbox logs, in emission order
 */
public record ExecutingReceipt(long chainId, long blockNumber, String blockHash, long timestamp, String txHash,
                               List<Long> logIndexes) {
  public ExecutingReceipt {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(txHash, "txHash");
    logIndexes = List.copyOf(logIndexes);
  }
}
