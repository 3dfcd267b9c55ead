package crosswatch.chain;

/** A block by number and hash: a point of a chain the scanner has seen. {@code hash} is null only for "nothing yet". */
record BlockRef(long number, String hash) {

  /** Before the first block to scan, with no hash to check the next block against. */
  static BlockRef before(long firstBlock) {
    return new BlockRef(firstBlock - 1, null);
  }
}
