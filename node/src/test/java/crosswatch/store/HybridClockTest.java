package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HybridClockTest {
  private final AtomicLong wallMillis = new AtomicLong(1_000);
  private final HybridClock clock = new HybridClock("node-a", () -> Instant.ofEpochMilli(wallMillis.get()));

  @Test
  void stampsFollowTheWallClockInTheHighBits() {
    assertThat(clock.next().hlc() >> 16).isEqualTo(1_000);
    wallMillis.set(2_000);
    assertThat(clock.next().hlc() >> 16).isEqualTo(2_000);
  }

  @Test
  void stampsWithinOneMillisecondStillIncrease() {
    Stamp first = clock.next();
    Stamp second = clock.next();
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void aWallClockGoingBackwardsNeverMakesAStampGoBackwards() {
    Stamp before = clock.next();
    wallMillis.set(10);
    assertThat(clock.next()).isGreaterThan(before);
  }

  @Test
  void aStampAfterOneFromAClockAheadIsLaterThanItAndSoAreTheNextOnes() {
    Stamp ahead = new HybridClock("node-b", () -> Instant.ofEpochMilli(5_000)).next();

    Stamp after = clock.after(ahead);

    assertThat(after).isGreaterThan(ahead);
    assertThat(after.writer()).isEqualTo("node-a");
    assertThat(clock.next()).isGreaterThan(after);
  }

  @Test
  void aStampAfterOneFromAClockBehindFollowsThisClock() {
    Stamp behind = new HybridClock("node-z", () -> Instant.ofEpochMilli(10)).next();

    assertThat(clock.after(behind).hlc() >> 16).isEqualTo(1_000);
  }

  @Test
  void stampsNameTheirNode() {
    assertThat(clock.next().writer()).isEqualTo("node-a");
  }
}
