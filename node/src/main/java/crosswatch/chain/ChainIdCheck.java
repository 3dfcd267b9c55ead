package crosswatch.chain;

import java.time.Duration;
import java.util.List;

/**
 * Asks each endpoint for {@code eth_chainId} before anything starts. TODO(pipeline): implement.
 */
public final class ChainIdCheck {
  private ChainIdCheck() {}

  /** A configured chain whose RPC answered with another chain id. */
  public record Mismatch(ChainEndpoint endpoint, long actualChainId) {}

  /**
   * Returns the endpoints that answered with another chain id. An endpoint that cannot be reached within
   * {@code timeout} is not a mismatch: the node starts and keeps retrying it.
   */
  public static List<Mismatch> check(List<ChainEndpoint> endpoints, Duration timeout) {
    return List.of();
  }
}
