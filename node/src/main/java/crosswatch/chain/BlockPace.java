package crosswatch.chain;

import java.time.Duration;

/**
 * The pace at which a chain's new heads have been arriving, learnt from when they were seen: a moving average of
 * the time per block. Confined to one polling thread.
 */
final class BlockPace {
  /** Weight of the newest gap in the average: a few blocks adapt it to a changed block time. */
  private static final double WEIGHT = 0.25;

  private long number = -1;
  private long seenAt;
  private double nanosPerBlock;

  /** Notes the head seen at {@code nanos}; returns whether it is newer than the one seen before. */
  boolean seen(long headNumber, long nanos) {
    if (headNumber <= number) {
      return false;
    }
    if (number >= 0) {
      double gap = (double) (nanos - seenAt) / (headNumber - number);
      nanosPerBlock = nanosPerBlock == 0 ? gap : (1 - WEIGHT) * nanosPerBlock + WEIGHT * gap;
    }
    number = headNumber;
    seenAt = nanos;
    return true;
  }

  /**
   * How long from {@code nowNanos} until the share {@code early} of the usual time per block has passed since the last new
   * head; never less than {@code floor}, and {@code floor} while the pace is not known yet.
   */
  Duration untilNext(long nowNanos, double early, Duration floor) {
    if (nanosPerBlock == 0) {
      return floor;
    }
    long due = seenAt + (long) (early * nanosPerBlock) - nowNanos;
    return Duration.ofNanos(Math.max(floor.toNanos(), due));
  }
}
