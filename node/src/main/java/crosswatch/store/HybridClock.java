package crosswatch.store;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps status changes on a hybrid logical clock: wall-clock milliseconds in the high bits, a counter in the low
 * 16, never going backwards, so that a later change of this node always wins a merge against an earlier one.
 */
public final class HybridClock {
  private static final int COUNTER_BITS = 16;

  private final String nodeName;
  private final InstantSource wallClock;
  private final AtomicLong last = new AtomicLong();

  public HybridClock(String nodeName, InstantSource wallClock) {
    this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
  }

  public HybridClock(String nodeName) {
    this(nodeName, InstantSource.system());
  }

  public Stamp next() {
    long physical = wallClock.millis() << COUNTER_BITS;
    return new Stamp(last.updateAndGet(previous -> Math.max(physical, previous + 1)), nodeName);
  }
}
