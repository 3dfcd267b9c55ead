package crosswatch.chain;

import java.time.Duration;

/**
 * How many blocks the next eth_getLogs covers while catching up: halved when the node refuses or answers slowly,
 * doubled while it answers fast, within {@code [1, max]}.
 */
record RangeSize(int blocks, int max) {
  static final Duration FAST = Duration.ofMillis(500);
  static final Duration SLOW = Duration.ofSeconds(3);

  RangeSize {
    if (blocks < 1 || blocks > max) {
      throw new IllegalArgumentException("range must be in [1, " + max + "]: " + blocks);
    }
  }

  RangeSize refused() {
    return new RangeSize(Math.max(1, blocks / 2), max);
  }

  RangeSize answered(Duration took) {
    if (took.compareTo(SLOW) > 0) {
      return refused();
    }
    if (took.compareTo(FAST) < 0) {
      return new RangeSize((int) Math.min(max, 2L * blocks), max);
    }
    return this;
  }
}
