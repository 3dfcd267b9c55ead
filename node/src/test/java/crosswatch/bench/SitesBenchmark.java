package crosswatch.bench;

import crosswatch.cluster.BridgeProxy;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.SiteLinks;
import crosswatch.cluster.TestNodes;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.infinispan.Cache;
import org.infinispan.context.Flag;

/**
 * Not a test: two sites of one replica each in this JVM, every byte between them through a proxy that delays it by
 * {@code delayMs} each way (the bridge of two regions), and the figures issue 11 asks for:
 * <ol>
 *   <li>cross-site backup delay: records written one merge at a time at site a at a steady {@code rate} per second,
 *       from the start of the write to the record being readable at site b (p50/p99/max);</li>
 *   <li>write throughput with two sites: both sites write new records in batches of
 *       {@value StoreBenchmark#BLOCK_BATCH} at once, and how long until each holds both sites' records;</li>
 *   <li>a returning site: site b is stopped, site a writes {@code missed} records, site b starts again from an empty
 *       data directory, and how long until it holds every record.</li>
 * </ol>
 * Arguments: delayMs (50), rate (200), delayed records (2000), throughput records per site (10000), missed (10000).
 *
 * <pre>
 * ./scripts/bench SitesBenchmark 50 200 2000 10000 10000
 * </pre>
 */
public final class SitesBenchmark {
  private static final Duration PATIENCE = Duration.ofMinutes(5);
  private static final int WARM_UP = 5_000;

  private SitesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int delayMs = arg(args, 0, 50);
    int rate = arg(args, 1, 200);
    int delayed = arg(args, 2, 2_000);
    int perSite = arg(args, 3, 10_000);
    int missed = arg(args, 4, 10_000);
    Path root = Files.createTempDirectory("crosswatch-sites-bench");
    try (var proxy = new BridgeProxy()) {
      List<ClusterOptions> options = TestNodes.sites(root, List.of("a", "b"), 1, proxy::forward);
      List<ClusterStores> started = startTogether(options);
      ClusterStores a = started.get(0);
      ClusterStores b = started.get(1);
      var linksA = SiteLinks.start(a, "a-0", Clock.systemUTC());
      var linksB = SiteLinks.start(b, "b-0", Clock.systemUTC());
      int next = 0;

      // Warm-up, both ways, before the delay: every path compiled before anything is measured.
      StoreBenchmark.writeInBatches(a.messages(), WARM_UP, StoreBenchmark::record);
      StoreBenchmark.writeInBatches(b.messages(), WARM_UP, i -> StoreBenchmark.record(WARM_UP + i));
      next += 2 * WARM_UP;
      awaitHolding(List.of(a, b), next);
      proxy.delay(Duration.ofMillis(delayMs));

      // 1. Backup delay at a steady rate.
      int first = next;
      Arrivals atB = Arrivals.on(b, first + delayed, 0);
      List<MessageRecord> made = ClusterBenchmark.made(first, first + delayed);
      long[] starts = new long[delayed];
      atRate(delayed, rate, i -> {
        starts[i] = System.nanoTime();
        a.messages().merge(made.get(i));
      });
      Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
          .until(() -> IntStream.range(first, first + delayed).allMatch(i -> atB.created(i) != 0));
      long[] delays = new long[delayed];
      for (int i = 0; i < delayed; i++) {
        delays[i] = atB.created(first + i) - starts[i];
      }
      Arrays.sort(delays);
      StoreBenchmark.print("2 sites, %d ms added each way: backup delay of single merges at %d/s, write at a to "
              + "readable at b: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d records)", delayMs, rate,
          delays[delayed / 2] / 1e6, delays[delayed * 99 / 100] / 1e6, delays[delayed - 1] / 1e6, delayed);
      next += delayed;

      // 2. Both sites write at once.
      List<MessageRecord> byA = ClusterBenchmark.made(next, next + perSite);
      List<MessageRecord> byB = ClusterBenchmark.made(next + perSite, next + 2 * perSite);
      next += 2 * perSite;
      long writeBegin = System.nanoTime();
      try (var writers = Executors.newVirtualThreadPerTaskExecutor()) {
        var writeA = writers.submit(() -> timed(() -> a.messages().mergeAll(byA)));
        var writeB = writers.submit(() -> timed(() -> b.messages().mergeAll(byB)));
        long nanosA = writeA.get();
        long nanosB = writeB.get();
        long writeEnd = System.nanoTime();
        awaitHolding(List.of(a, b), next);
        long held = System.nanoTime();
        StoreBenchmark.print("2 sites, %d ms added each way: both sites writing new records in batches of %d: "
                + "%,.0f records/s in all (a %,.0f/s, b %,.0f/s; %,d each); every record at both sites %.2f s after "
                + "the writes began, %.2f s after they ended", delayMs, StoreBenchmark.BLOCK_BATCH,
            2 * perSite / ((writeEnd - writeBegin) / 1e9), perSite / (nanosA / 1e9), perSite / (nanosB / 1e9),
            perSite, (held - writeBegin) / 1e9, (held - writeEnd) / 1e9);
      }

      // 3. A site that returns from nothing.
      linksB.close();
      b.close();
      int from = next;
      StoreBenchmark.writeInBatches(a.messages(), missed, i -> StoreBenchmark.record(from + i));
      int total = next + missed;
      long restart = System.nanoTime();
      ClusterStores returned = ClusterStores.start(options.get(1).withDataDir(root.resolve("b-0-again")),
          new SimpleMeterRegistry());
      long up = System.nanoTime();
      var linksReturned = SiteLinks.start(returned, "b-0", Clock.systemUTC());
      var reached = new StringBuilder();
      for (int quarter = 1; quarter <= 4; quarter++) {
        awaitHolding(List.of(returned), total * quarter / 4);
        reached.append(String.format(" %d%% %.2f s,", quarter * 25, (System.nanoTime() - restart) / 1e9));
      }
      long converged = System.nanoTime();
      StoreBenchmark.print("2 sites, %d ms added each way: a site returning from an empty data directory after "
              + "%,d records were written without it: holds all %,d records %.2f s after it started (%.2f s after "
              + "its caches were up; held after start:%s)", delayMs, missed, total, (converged - restart) / 1e9,
          (converged - up) / 1e9, reached.substring(0, reached.length() - 1));
      linksReturned.close();
      linksA.close();
      returned.close();
      a.close();
    } finally {
      StoreBenchmark.deleteTree(root);
    }
    System.exit(0);
  }

  private static List<ClusterStores> startTogether(List<ClusterOptions> options) {
    try (var starter = Executors.newVirtualThreadPerTaskExecutor()) {
      return options.stream()
          .map(o -> CompletableFuture.supplyAsync(() -> ClusterStores.start(o, new SimpleMeterRegistry()), starter))
          .toList().stream().map(CompletableFuture::join).toList();
    }
  }

  /** Runs {@code write} for 0, 1, ... {@code count - 1}, the i-th at {@code i / rate} seconds from now. */
  static void atRate(int count, int rate, IntConsumer write) {
    long period = 1_000_000_000L / rate;
    long begin = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = begin + i * period;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      write.accept(i);
    }
  }

  private static long timed(Runnable work) {
    long begin = System.nanoTime();
    work.run();
    return System.nanoTime() - begin;
  }

  /** Waits until each member's own copy holds {@code records} records. */
  private static void awaitHolding(List<ClusterStores> members, int records) {
    Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> members.stream()
        .allMatch(m -> local(m).size() >= records));
  }

  private static Cache<MessageKey, MessageRecord> local(ClusterStores member) {
    Cache<MessageKey, MessageRecord> cache = member.cacheManager().getCache(ClusterStores.MESSAGES);
    return cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD);
  }

  private static int arg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
