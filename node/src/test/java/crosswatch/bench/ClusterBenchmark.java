package crosswatch.bench;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.TestNodes;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongBiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/**
 * Not a test: three replicas in three JVMs on loopback, the writer in this one, and the figures issue 4 asks
 * for: write throughput of message records, the delay from the writer's write to the record being readable on
 * every replica (p50/p99/max), and heap bytes per record on a replica. Arguments: records measured (20000),
 * records written first as a warm-up, which the replicas hold too when their heap is measured (2000).
 *
 * <pre>
 * mvn -B -ntp -o -q -pl node -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx1g --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED \
 *     -cp node/target/test-classes:node/target/classes:$(cat /tmp/cp.txt) crosswatch.bench.ClusterBenchmark 20000 2000
 * </pre>
 *
 * <p>Two write patterns: new records in batches of {@value StoreBenchmark#BLOCK_BATCH} from one thread (a scan
 * of a block range), then every record re-judged one merge at a time from
 * {@value StoreBenchmark#WRITER_THREADS} threads (the judge). A batch's delay counts from the start of its call.
 */
public final class ClusterBenchmark {
  private static final List<String> NAMES = List.of("node-0", "node-1", "node-2");

  private ClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path root = Files.createTempDirectory("crosswatch-cluster-bench");
    List<ClusterOptions> options = TestNodes.cluster(root, NAMES);
    List<Process> replicas = new ArrayList<>();
    try {
      for (int n = 1; n < NAMES.size(); n++) {
        replicas.add(spawn(options.get(n), root, records));
      }
      long[] batchStart = new long[records];
      long[] judgeStart = new long[records];
      Arrivals local;
      try (var writer = ClusterStores.start(options.getFirst(), new SimpleMeterRegistry())) {
        local = Arrivals.on(writer, records);
        awaitReady(root);
        MessageStore store = writer.messages();
        StoreBenchmark.writeInBatches(store, warmUp, i -> StoreBenchmark.record(records + i));
        writeBatches(store, records, batchStart, writers);
        judgeConcurrently(store, records, judgeStart);
        local.awaitAll(Duration.ofMinutes(1));
        for (Process p : replicas) {
          if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("replica failed; see its log under " + root);
          }
        }
      }
      List<Arrivals> all = new ArrayList<>(List.of(local));
      for (int n = 1; n < NAMES.size(); n++) {
        all.add(Arrivals.readFrom(arrivalsFile(root, n)));
      }
      report("new records in batches", delays(records, batchStart, all, Arrivals::created));
      report("re-judged records, single merges", delays(records, judgeStart, all, Arrivals::judged));
      for (int n = 1; n < NAMES.size(); n++) {
        String[] heap = Files.readString(Path.of(arrivalsFile(root, n) + ".heap")).split(" ");
        StoreBenchmark.print("%s (own JVM) holding %s records (%s in its query index): %,.0f heap bytes per record",
            NAMES.get(n), heap[1], heap[2], Long.parseLong(heap[0]) / Double.parseDouble(heap[1]));
      }
    } finally {
      replicas.forEach(Process::destroyForcibly);
      StoreBenchmark.deleteTree(root);
    }
    System.exit(0);
  }

  private static void writeBatches(MessageStore store, int records, long[] starts, int writers) {
    int batch = StoreBenchmark.BLOCK_BATCH;
    var next = new AtomicInteger();
    long begin = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < writers; t++) {
        threads.submit(() -> {
          for (int from = next.getAndAdd(batch); from < records; from = next.getAndAdd(batch)) {
            int to = Math.min(from + batch, records);
            long start = System.nanoTime();
            Arrays.fill(starts, from, to, start);
            store.mergeAll(IntStream.range(from, to).mapToObj(StoreBenchmark::record).toList());
          }
        });
      }
    }
    double seconds = StoreBenchmark.seconds(begin);
    StoreBenchmark.print("3 replicas in 3 JVMs, new records in batches of %d from %d writer(s): %,.0f records/s"
        + " (%,d in %.2f s)", batch, writers, records / seconds, records, seconds);
  }

  private static void judgeConcurrently(MessageStore store, int records, long[] starts) {
    var next = new AtomicInteger();
    long begin = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < StoreBenchmark.WRITER_THREADS; t++) {
        threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
            MessageRecord judged = StoreBenchmark.judged(StoreBenchmark.record(i));
            starts[i] = System.nanoTime();
            store.merge(judged);
          }
        });
      }
    }
    double seconds = StoreBenchmark.seconds(begin);
    StoreBenchmark.print("3 replicas in 3 JVMs, re-judged records one merge at a time from %d threads: %,.0f"
        + " records/s (%,d in %.2f s)", StoreBenchmark.WRITER_THREADS, records / seconds, records, seconds);
  }

  /** Per record: from its write's start to the last member applying it. */
  private static long[] delays(int records, long[] starts, List<Arrivals> members,
                               ToLongBiFunction<Arrivals, Integer> time) {
    long[] delays = new long[records];
    for (int i = 0; i < records; i++) {
      Integer record = i;
      long last = members.stream().mapToLong(m -> time.applyAsLong(m, record)).max().orElseThrow();
      delays[i] = last - starts[i];
    }
    Arrays.sort(delays);
    return delays;
  }

  private static void report(String what, long[] delays) {
    int n = delays.length;
    StoreBenchmark.print("%s, write start to readable on all 3 replicas: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        what, delays[n / 2] / 1e6, delays[(int) (n * 0.99)] / 1e6, delays[n - 1] / 1e6);
  }

  private static Process spawn(ClusterOptions o, Path root, int records) throws Exception {
    int n = NAMES.indexOf(o.nodeName());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx512m", "-XX:SoftRefLRUPolicyMSPerMB=0",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), BenchReplica.class.getName(),
        o.nodeName(), o.dataDir().toString(), o.clusterName(),
        o.members().stream().map(Object::toString).collect(Collectors.joining(",")),
        Integer.toString(o.bindPort().orElseThrow()), Integer.toString(records), arrivalsFile(root, n).toString());
    File log = root.resolve(o.nodeName() + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Until every replica records arrivals: records written before would reach it by state transfer, unseen. */
  private static void awaitReady(Path root) {
    Awaitility.await("replicas ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
        .until(() -> IntStream.range(1, NAMES.size())
            .allMatch(n -> Files.exists(Path.of(arrivalsFile(root, n) + ".ready"))));
  }

  private static Path arrivalsFile(Path root, int member) {
    return root.resolve(NAMES.get(member) + ".arrivals");
  }
}
