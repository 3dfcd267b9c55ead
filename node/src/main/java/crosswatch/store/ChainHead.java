package crosswatch.store;

import java.util.Objects;

/**
 * A chain's three heads as its RPC last reported them, shared between nodes through the heads cache. A chain that
 * has no safe or finalized block yet reports its genesis block for them.
 */
public record ChainHead(long chainId, HeadBlock latest, HeadBlock safe, HeadBlock finalized) {
  public ChainHead {
    Objects.requireNonNull(latest, "latest");
    Objects.requireNonNull(safe, "safe");
    Objects.requireNonNull(finalized, "finalized");
  }

  /** The safety of this chain's block {@code number}, assuming it is the canonical block at that number. */
  public Safety safetyOf(long number) {
    if (number <= finalized.number()) {
      return Safety.FINALIZED;
    }
    return number <= safe.number() ? Safety.SAFE : Safety.UNSAFE;
  }
}
