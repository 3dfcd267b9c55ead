package crosswatch.store;

import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps status changes on a hybrid logical clock: wall-clock milliseconds in the high bits, a counter in the low
 * 16, never going backwards, so that a later change of this node always wins a merge against an earlier one.
 *
 * <p>A change computed from a record another replica stamped must be stamped with {@link #after}: replicas' wall
 * clocks differ by milliseconds or more, and a verdict stamped below the pending record it judged would lose the
 * merge to it and be dropped.
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
    return above(Long.MIN_VALUE);
  }

  /**
   * A stamp later than {@code seen} and than every stamp this clock gave before (the receive rule of a hybrid
   * logical clock): this clock moves up to {@code seen} if it was behind, so its next stamps stay later too.
   */
  public Stamp after(Stamp seen) {
    return above(seen.hlc());
  }

  /** The wall clock's time, or just above both {@code floor} and this clock's last stamp if that is later. */
  private Stamp above(long floor) {
    long physical = wallClock.millis() << COUNTER_BITS;
    return new Stamp(last.updateAndGet(previous -> Math.max(physical, Math.max(previous, floor) + 1)), nodeName);
  }
}
