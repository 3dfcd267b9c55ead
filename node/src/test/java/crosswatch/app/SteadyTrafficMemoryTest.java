package crosswatch.app;

import static crosswatch.app.PipelineHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.InitiatingLog;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * Steady traffic for a minute with a short retention: final messages leave, so the number of stored records levels
 * off instead of growing with the number of messages sent.
 */
class SteadyTrafficMemoryTest {
  private static final Duration TRAFFIC = Duration.ofSeconds(60);

  /** The store size seen at some time into the run. */
  private record Sample(long atMillis, long records) {}

  @Test
  void theStoreLevelsOffWhileMessagesKeepComing(@TempDir Path dataDir) {
    try (Devnet devnet = Devnet.start(List.of(ChainSpec.of(901).withSlotsInAnEpoch(2),
        ChainSpec.of(902).withSlotsInAnEpoch(2)));
         var node = new LifecycleNode(List.of(devnet.chain(901), devnet.chain(902)), dataDir, Duration.ofSeconds(2))) {
      DevnetChain initiating = devnet.chain(901);
      DevnetChain executing = devnet.chain(902);
      var samples = new ArrayList<Sample>();
      MessageKey first = null;
      int sent = 0;
      long start = System.nanoTime();
      // Each message mines a block on both chains, so every message also moves the heads past earlier ones.
      while (System.nanoTime() - start < TRAFFIC.toNanos()) {
        InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("steady-" + sent)), "0x");
        MessageKey key = key(executing.emitExecuting(List.of(ExecSpec.of(log))));
        first = first == null ? key : first;
        sent++;
        samples.add(new Sample((System.nanoTime() - start) / 1_000_000, node.stores.messages().size()));
      }

      long peakSecondHalf = peak(samples, TRAFFIC.toMillis() / 2, TRAFFIC.toMillis());
      long peakSecondQuarter = peak(samples, TRAFFIC.toMillis() / 4, TRAFFIC.toMillis() / 2);
      System.out.printf("steady traffic: sent=%d peakSecondQuarter=%d peakSecondHalf=%d final=%d heapMiB=%d%n",
          sent, peakSecondQuarter, peakSecondHalf, node.stores.messages().size(),
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      assertThat(sent).isGreaterThan(50);
      assertThat(node.find(first)).as("the first message, long final, has left").isEmpty();
      assertThat(peakSecondHalf).as("no growth after warm-up").isLessThanOrEqualTo(peakSecondQuarter * 3 / 2 + 5);
      assertThat(peakSecondHalf).as("far fewer records than messages").isLessThan(sent / 3);
    }
  }

  private static long peak(List<Sample> samples, long fromMillis, long toMillis) {
    return samples.stream().filter(s -> s.atMillis() >= fromMillis && s.atMillis() < toMillis)
        .mapToLong(Sample::records).max().orElseThrow();
  }
}
