package crosswatch.devnet;

import java.util.Objects;

/** A block as far as the fixture's callers care: where it is, which it is, and its time. */
public record BlockRef(long number, String hash, long timestamp) {
  public BlockRef {
    Objects.requireNonNull(hash, "hash");
  }
}
