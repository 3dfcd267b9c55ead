package crosswatch.judge;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}. The jitter keeps many clients that failed together from retrying together.
 */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max, got base=" + base + " max=" + max);
    }
  }

  /** The wait after the {@code attempt}-th consecutive failure (1-based). */
  public Duration delay(int attempt, RandomGenerator random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1: " + attempt);
    }
    long ceiling = max.toNanos();
    long exponential = base.toNanos() << Math.min(attempt - 1, 30);
    long full = exponential <= 0 || exponential > ceiling ? ceiling : exponential;
    long half = full / 2;
    return Duration.ofNanos(half + random.nextLong(full - half + 1));
  }
}
