package crosswatch.store;

import java.util.Objects;

/** The last block of a chain whose executing messages have all been found: scanning resumes after it. */
public record Checkpoint(long chainId, long blockNumber, String blockHash) {
  public Checkpoint {
    Objects.requireNonNull(blockHash, "blockHash");
    if (blockNumber < 0) {
      throw new IllegalArgumentException("block number must be >= 0");
    }
  }
}
