package crosswatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageCounts;
import org.junit.jupiter.api.Test;

class MetersTest {
  @Test
  void theDetectionDelayHistogramBinsAsTheStatusPageDoes() {
    assertThat(Meters.LATENCY_BUCKETS).containsExactlyElementsOf(MessageCounts.DELAY_BUCKETS);
  }
}
