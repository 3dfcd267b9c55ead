package crosswatch.protocol;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The chains that may message each other, when interop activated on each, and the expiry window.
 *
 * @param chains by chain id
 * @param expiryWindowSeconds at most {@link #MAX_EXPIRY_WINDOW_SECONDS}: a dependency set may shorten it, never lengthen it
 */
public record DependencySet(Map<BigInteger, ChainDependency> chains, long expiryWindowSeconds) {

  /** The protocol's message expiry window: 7 days. */
  public static final long MAX_EXPIRY_WINDOW_SECONDS = 604_800;

  public DependencySet {
    chains = Map.copyOf(chains);
    chains.forEach((chainId, chain) -> {
      if (!chainId.equals(chain.chainId())) {
        throw new IllegalArgumentException("chain " + chain.chainId() + " is filed under " + chainId);
      }
    });
    if (expiryWindowSeconds <= 0 || expiryWindowSeconds > MAX_EXPIRY_WINDOW_SECONDS) {
      throw new IllegalArgumentException("expiry window must be in (0, " + MAX_EXPIRY_WINDOW_SECONDS + "] s, got "
          + expiryWindowSeconds);
    }
  }

  public Optional<ChainDependency> chain(BigInteger chainId) {
    return Optional.ofNullable(chains.get(chainId));
  }

  /**
   * One chain of the set.
   *
   * @param activationTimestamp the interop fork's activation time (0: active from genesis)
   * @param blockTimeSeconds the chain's block time, used to tell the activation block itself
   */
  public record ChainDependency(BigInteger chainId, long activationTimestamp, long blockTimeSeconds) {
    public ChainDependency {
      Objects.requireNonNull(chainId, "chainId");
      if (activationTimestamp < 0) {
        throw new IllegalArgumentException("activation timestamp must be >= 0");
      }
      if (blockTimeSeconds <= 0) {
        throw new IllegalArgumentException("block time must be > 0");
      }
    }

    /**
     * Whether a block at {@code timestamp} may hold or be the target of messages: interop is active
     * ({@code timestamp >= activationTimestamp}) and the block is not the activation block itself. Mirrors
     * op-node's {@code IsInteropActivationBlock}: the activation block is the first active block after genesis,
     * so with activation 0 (active from genesis) there is none.
     */
    public boolean acceptsMessagesAt(BigInteger timestamp) {
      BigInteger activation = BigInteger.valueOf(activationTimestamp);
      BigInteger previous = timestamp.subtract(BigInteger.valueOf(blockTimeSeconds));
      boolean active = timestamp.compareTo(activation) >= 0;
      boolean activationBlock = active && previous.signum() >= 0 && previous.compareTo(activation) < 0;
      return active && !activationBlock;
    }
  }
}
