package crosswatch.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  @Property
  void aDelayLiesBetweenHalfAndAllOfTheExponentialStepCappedAtTheMaximum(
      @ForAll @IntRange(min = 1, max = 100) int attempt, @ForAll @LongRange long seed) {
    long step = Math.min(5_000, 100L << Math.min(attempt - 1, 20));
    Duration delay = backoff.delay(attempt, new SplittableRandom(seed));
    assertThat(delay).isBetween(Duration.ofMillis(step / 2), Duration.ofMillis(step));
  }

  @Test
  void differentRandomDrawsSpreadTheRetries() {
    var random = new SplittableRandom(7);
    assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.delay(3, random)).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void aBaseAboveTheMaximumIsRejected() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
