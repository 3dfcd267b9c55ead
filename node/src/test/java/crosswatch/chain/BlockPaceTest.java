package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BlockPaceTest {
  private static final long SECOND = 1_000_000_000L;
  private static final Duration POLL = Duration.ofMillis(250);

  @Test
  void untilThePaceIsKnownTheNextLookIsAPollIntervalAway() {
    var pace = new BlockPace();
    assertThat(pace.seen(10, 0)).isTrue();

    assertThat(pace.untilNext(0, 0.97, POLL)).isEqualTo(POLL);
  }

  @Test
  void withSteadyBlocksTheNextLookIsJustBeforeTheNextBlockIsDue() {
    var pace = new BlockPace();
    for (int i = 0; i <= 5; i++) {
      pace.seen(10 + i, i * 2 * SECOND);
    }

    assertThat(pace.untilNext(10 * SECOND, 0.97, POLL)).isEqualTo(Duration.ofMillis(1_940));
    assertThat(pace.untilNext(11 * SECOND + 900_000_000L, 0.97, POLL)).isEqualTo(POLL);
  }

  @Test
  void theSameHeadAgainIsNotNewAndASkippedBlockCountsAsTwoGaps() {
    var pace = new BlockPace();
    pace.seen(10, 0);
    assertThat(pace.seen(10, SECOND)).isFalse();
    pace.seen(12, 2 * SECOND);

    assertThat(pace.untilNext(2 * SECOND, 1.0, POLL)).isEqualTo(Duration.ofSeconds(1));
  }
}
