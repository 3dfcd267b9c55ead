package crosswatch.chain;

import java.util.Objects;

/** The parts of a block header the scanner needs: where it sits, what it follows and when it was made. */
record BlockHeader(long number, String hash, String parentHash, long timestamp) {
  BlockHeader {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
  }

  BlockRef ref() {
    return new BlockRef(number, hash);
  }
}
