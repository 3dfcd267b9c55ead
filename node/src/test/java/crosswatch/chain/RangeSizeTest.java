package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RangeSizeTest {

  @Nested
  class WhenTheNodeRefuses {
    @Test
    void theRangeIsHalved() {
      assertThat(new RangeSize(2000, 10_000).refused().blocks()).isEqualTo(1000);
    }

    @Test
    void theRangeNeverGoesBelowOneBlock() {
      assertThat(new RangeSize(1, 10_000).refused().blocks()).isEqualTo(1);
    }
  }

  @Nested
  class WhenTheNodeAnswers {
    @Test
    void aFastAnswerDoublesTheRange() {
      assertThat(new RangeSize(2000, 10_000).answered(Duration.ofMillis(20)).blocks()).isEqualTo(4000);
    }

    @Test
    void growthStopsAtTheMaximum() {
      assertThat(new RangeSize(8000, 10_000).answered(Duration.ofMillis(20)).blocks()).isEqualTo(10_000);
    }

    @Test
    void aSlowAnswerHalvesTheRange() {
      assertThat(new RangeSize(2000, 10_000).answered(RangeSize.SLOW.plusMillis(1)).blocks()).isEqualTo(1000);
    }

    @Test
    void afterARefusalTheRangeHoldsStillForAWhileBeforeGrowingAgain() {
      RangeSize size = new RangeSize(128, 10_000).refused();
      for (int i = 0; i < RangeSize.CALM_AFTER_REFUSAL; i++) {
        size = size.answered(Duration.ofMillis(20));
        assertThat(size.blocks()).isEqualTo(64);
      }
      assertThat(size.answered(Duration.ofMillis(20)).blocks()).isEqualTo(128);
    }

    @Test
    void anAnswerBetweenFastAndSlowKeepsTheRange() {
      assertThat(new RangeSize(2000, 10_000).answered(RangeSize.FAST.plusMillis(1)).blocks()).isEqualTo(2000);
    }
  }

  @Test
  void aRangeOutsideItsBoundsIsRejected() {
    assertThatThrownBy(() -> new RangeSize(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RangeSize(11, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
