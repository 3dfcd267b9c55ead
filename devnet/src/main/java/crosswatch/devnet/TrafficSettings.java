package crosswatch.devnet;

import java.time.Duration;
import java.util.Objects;

/**
 * How the traffic generator paces itself.
 *
 * @param tick how often each chain gets a batch (an initiating transaction and an executing one)
 * @param invalidEvery one message in this many is deliberately invalid
 * @param lagSeconds how far the last chain's clock runs behind the others: messages from the others to it are
 *     then initiated after executing, unless they point at logs at least this old
 */
public record TrafficSettings(Duration tick, int invalidEvery, long lagSeconds) {
  /** What the demo runs: a batch every 1.5 s per chain, 1 in 20 invalid, the last chain 30 s behind. */
  public static final TrafficSettings DEMO = new TrafficSettings(Duration.ofMillis(1_500), 20, 30);

  public TrafficSettings {
    Objects.requireNonNull(tick, "tick");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("tick must be > 0");
    }
    if (invalidEvery <= 0) {
      throw new IllegalArgumentException("invalidEvery must be > 0");
    }
    if (lagSeconds < 0) {
      throw new IllegalArgumentException("lagSeconds must be >= 0");
    }
  }
}
