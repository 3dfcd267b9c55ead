package crosswatch.devnet.proxy;

/** How {@link Fault.WrongHeader} lies about a block. */
public enum HeaderLie {
  /** The header of the block before the one asked for (its parent), as it is. */
  PREVIOUS_BLOCK,
  /** The true header under a made-up hash (the keccak256 of the true one). */
  FABRICATED_HASH
}
