package crosswatch.store;

import java.util.Objects;

/** One of a chain's heads: the block a head tag ({@code latest}, {@code safe}, {@code finalized}) names. */
public record HeadBlock(long number, String hash, long timestamp) {
  public HeadBlock {
    Objects.requireNonNull(hash, "hash");
    if (number < 0) {
      throw new IllegalArgumentException("block number must be >= 0: " + number);
    }
  }
}
