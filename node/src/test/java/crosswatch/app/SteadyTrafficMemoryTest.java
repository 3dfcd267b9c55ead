package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.Devnet;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steady traffic for a minute with a short retention: final messages leave, so the number of stored records levels
 * off instead of growing with the number of messages sent.
 */
@Tag("integration")
class SteadyTrafficMemoryTest {
  private static final Duration TRAFFIC = Duration.ofSeconds(60);

  /** The store size seen at some time into the run. */
  private record Sample(long atMillis, long records) {}

  @Test
  void theStoreLevelsOffWhileMessagesKeepComing(@TempDir Path dataDir) {
    try (Devnet devnet = Devnet.start(SteadyTraffic.CHAINS)) {
      var traffic = new SteadyTraffic(devnet);
      try (var node = new LifecycleNode(traffic.chains(), dataDir, Duration.ofSeconds(2))) {
        var samples = new ArrayList<Sample>();
        MessageKey first = traffic.sendOne();
        long start = System.nanoTime();
        while (System.nanoTime() - start < TRAFFIC.toNanos()) {
          traffic.sendOne();
          samples.add(new Sample((System.nanoTime() - start) / 1_000_000, node.stores.messages().size()));
        }

        long peakSecondHalf = peak(samples, TRAFFIC.toMillis() / 2, TRAFFIC.toMillis());
        long peakSecondQuarter = peak(samples, TRAFFIC.toMillis() / 4, TRAFFIC.toMillis() / 2);
        System.out.printf("steady traffic: sent=%d peakSecondQuarter=%d peakSecondHalf=%d last=%d heapMiB=%d%n",
            traffic.sent(), peakSecondQuarter, peakSecondHalf, node.stores.messages().size(),
            SteadyTraffic.heapMiB());
        assertThat(traffic.sent()).isGreaterThan(50);
        assertThat(node.find(first)).as("the first message, long final, has left").isEmpty();
        assertThat(peakSecondHalf).as("no growth after warm-up").isLessThanOrEqualTo(peakSecondQuarter * 3 / 2 + 5);
        assertThat(peakSecondHalf).as("far fewer records than messages").isLessThan(traffic.sent() / 3);
      }
    }
  }

  private static long peak(List<Sample> samples, long fromMillis, long toMillis) {
    return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis)
        .mapToLong(Sample::records).max().orElseThrow();
  }
}
