package crosswatch.bench;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.TestNodes;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.infinispan.container.versioning.irac.IracTombstoneManager;
import org.infinispan.factories.ComponentRegistry;

/**
 * Not a test: how many IRAC tombstones expiring records leave, and for how long. Two sites of one replica each in
 * this JVM with a short retention; site a writes final records at a steady rate (each expires {@code retention}
 * after its write, at both sites: the lifespan travels with the backup), and the tombstone count of each site is
 * sampled every second while they expire and after. Arguments: records (10000), rate per second (500), retention
 * seconds (2).
 *
 * <pre>
 * ./scripts/bench SiteTombstonesBenchmark 10000 500 2
 * </pre>
 */
public final class SiteTombstonesBenchmark {
  private SiteTombstonesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Duration retention = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 2);
    Path root = Files.createTempDirectory("crosswatch-tombstones-bench");
    try {
      List<ClusterOptions> options = TestNodes.sites(root, List.of("a", "b"), 1);
      List<ClusterStores> sites;
      try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
        sites = options.stream().map(o -> CompletableFuture.supplyAsync(
                () -> ClusterStores.start(o, new SimpleMeterRegistry(), retention), starter))
            .toList().stream().map(CompletableFuture::join).toList();
      }
      List<MessageRecord> made = ClusterBenchmark.made(0, records).stream()
          .map(r -> r.withLifecycle(Safety.FINALIZED, Safety.FINALIZED, true, new Stamp(3, "a-0"))).toList();
      Thread writer = Thread.ofVirtual().start(
          () -> SitesBenchmark.atRate(records, rate, i -> sites.getFirst().messages().merge(made.get(i))));
      int[] peak = new int[2];
      long writeSeconds = records / rate;
      for (long second = 0; second < writeSeconds + 90; second++) {
        Thread.sleep(1000);
        int atA = tombstones(sites.get(0));
        int atB = tombstones(sites.get(1));
        peak[0] = Math.max(peak[0], atA);
        peak[1] = Math.max(peak[1], atB);
        if (second % 5 == 4) {
          StoreBenchmark.print("t=%3d s tombstones a %,d b %,d, records a %,d b %,d", second + 1, atA, atB,
              sites.get(0).messages().size(), sites.get(1).messages().size());
        }
      }
      writer.join();
      StoreBenchmark.print("2 sites, %,d final records written at %d/s expiring %d s after their write: peak "
          + "tombstones a %,d b %,d; left 90 s after the last write a %,d b %,d", records, rate,
          retention.toSeconds(), peak[0], peak[1], tombstones(sites.get(0)), tombstones(sites.get(1)));
      sites.reversed().forEach(ClusterStores::close);
    } finally {
      StoreBenchmark.deleteTree(root);
    }
    System.exit(0);
  }

  private static int tombstones(ClusterStores site) {
    return ComponentRegistry.componentOf(site.cacheManager().getCache(ClusterStores.MESSAGES),
        IracTombstoneManager.class).size();
  }
}
