package crosswatch.app;

import crosswatch.devnet.Devnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs steady traffic through a node for a while and prints, every ten seconds, messages sent, records stored and
 * heap used: the working set should level off at about rate x (time to finality + retention).
 *
 * <p>Arguments: seconds to run (default 300), retention in seconds (default 10).
 */
public final class SteadyTrafficBenchmark {
  private SteadyTrafficBenchmark() {}

  public static void main(String[] args) throws Exception {
    Duration run = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 300);
    Duration retention = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
    Path dataDir = Files.createTempDirectory("crosswatch-steady");
    try (Devnet devnet = Devnet.start(SteadyTraffic.CHAINS)) {
      var traffic = new SteadyTraffic(devnet);
      try (var node = new LifecycleNode(traffic.chains(), dataDir, retention)) {
        long start = System.nanoTime();
        long nextReport = 0;
        while (System.nanoTime() - start < run.toNanos()) {
          traffic.sendOne();
          long elapsed = (System.nanoTime() - start) / 1_000_000_000;
          if (elapsed >= nextReport) {
            System.out.printf("t=%ds sent=%d records=%d heapMiB=%d%n", elapsed, traffic.sent(),
                node.stores.messages().size(), SteadyTraffic.heapMiB());
            nextReport = elapsed + 10;
          }
        }
      }
    }
  }
}
