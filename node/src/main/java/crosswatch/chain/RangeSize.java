package crosswatch.chain;

import java.time.Duration;

/**
 * How many blocks the next eth_getLogs covers while catching up: halved when the node refuses or answers slowly,
 * doubled while it answers fast, within {@code [1, max]}. After a refusal it holds still for
 * {@value #CALM_AFTER_REFUSAL} answers: a node with a fixed limit is not asked over it again at every other range.
 *
 * @param calm answers still to wait before growing again
 */
record RangeSize(int blocks, int max, int calm) {
  static final Duration FAST = Duration.ofMillis(500);
  static final Duration SLOW = Duration.ofSeconds(3);
  static final int CALM_AFTER_REFUSAL = 16;

  RangeSize {
    if (blocks < 1 || blocks > max) {
      throw new IllegalArgumentException("range must be in [1, " + max + "]: " + blocks);
    }
  }

  RangeSize(int blocks, int max) {
    this(blocks, max, 0);
  }

  RangeSize refused() {
    return new RangeSize(Math.max(1, blocks / 2), max, CALM_AFTER_REFUSAL);
  }

  RangeSize answered(Duration took) {
    if (took.compareTo(SLOW) > 0) {
      return refused();
    }
    if (calm > 0) {
      return new RangeSize(blocks, max, calm - 1);
    }
    if (took.compareTo(FAST) < 0) {
      return new RangeSize((int) Math.min(max, 2L * blocks), max, 0);
    }
    return this;
  }
}
