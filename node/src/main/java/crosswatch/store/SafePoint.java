package crosswatch.store;

/**
 * The block from which scanning a chain again skips nothing a replica knows of: the lower of the block after the
 * last checkpoint it saw and the lowest executing block holding a message it saw.
 */
public record SafePoint(long chainId, long fromBlock) {
  public SafePoint {
    if (fromBlock < 0) {
      throw new IllegalArgumentException("block number must be >= 0: " + fromBlock);
    }
  }
}
