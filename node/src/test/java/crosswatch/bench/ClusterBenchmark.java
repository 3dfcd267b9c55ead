package crosswatch.bench;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.TestNodes;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.io.IOException;
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
 * Not a test: three replicas in three JVMs on loopback, the first in this JVM, and the figures issue 4 asks for:
 * write throughput of message records, the delay from a write to the record being readable on every replica
 * (p50/p99/max), and heap bytes per stored record on a replica. Arguments: records per phase (20000), records
 * written first as a warm-up (20000).
 *
 * <pre>
 * ./scripts/bench ClusterBenchmark 20000 20000
 * </pre>
 *
 * <p>The warm-up is written by all three replicas, a third each, so that every JVM has compiled both the writing
 * and the applying paths before anything is measured: with 2,000 warm-up records the first phase ran 20-25 %
 * slower and each replica's first phase-3 batch took about a second, which measured the JIT, not the cluster.
 *
 * <p>Three write phases, each of {@code records} records:
 * <ol>
 *   <li>new records in batches of {@value StoreBenchmark#BLOCK_BATCH} from one thread on one replica: one chain's
 *       scanner writing what it found in a block range;</li>
 *   <li>those records re-judged one merge at a time from {@value StoreBenchmark#WRITER_THREADS} threads on that
 *       replica: the judge;</li>
 *   <li>new records in batches from all three replicas at once, a third each: every replica scanning the chains it
 *       owns, which is how a cluster writes.</li>
 * </ol>
 * A batch's delay counts from the start of its call. Heap per record is the growth of a replica's heap from the
 * warm-up to the end divided by the records added meanwhile: what one more stored record costs, without the
 * fixed costs (thread stacks, JGroups tables) that a small run would spread over few records.
 *
 * <p>The processes coordinate through files in the run's directory: {@code <node>.ready} (listening for arrivals),
 * {@code warm-up.go} (every replica listens: write the warm-up), {@code <node>.warm} (warm-up held, heap measured),
 * {@code spread.go} (phase 3 starts), {@code <node>.spread}
 * (the start of each of its batches in phase 3), {@code <node>.arrivals} and {@code <node>.heap}.
 */
public final class ClusterBenchmark {
  private static final List<String> NAMES = List.of("node-0", "node-1", "node-2");
  static final String WARM_UP_GO = "warm-up.go";
  static final String SPREAD_GO = "spread.go";

  private ClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path root = Files.createTempDirectory("crosswatch-cluster-bench");
    List<ClusterOptions> options = TestNodes.cluster(root, NAMES);
    List<Process> replicas = new ArrayList<>();
    try {
      for (int n = 1; n < NAMES.size(); n++) {
        replicas.add(spawn(options.get(n), root, records, warmUp));
      }
      long[] starts = new long[2 * records];
      long[] judgeStarts = new long[records];
      Arrivals local;
      long[] spreadSpan;
      try (var writer = ClusterStores.start(options.getFirst(), new SimpleMeterRegistry())) {
        local = Arrivals.on(writer, 2 * records, records);
        awaitFiles(root, ".ready");
        MessageStore store = writer.messages();
        Files.writeString(root.resolve(WARM_UP_GO), "go");
        writeWarmUp(store, records, warmUp, 0);
        awaitFiles(root, ".warm");

        List<MessageRecord> phase1 = made(0, records);
        long begin = System.nanoTime();
        writeBatches(store, phase1, 0, starts);
        printRate("phase 1, new records in batches of " + StoreBenchmark.BLOCK_BATCH + " from one replica",
            records, begin, System.nanoTime());
        judgeConcurrently(store, records, judgeStarts);

        int[] spread = slice(records, records, 0);
        List<MessageRecord> phase3 = made(spread[0], spread[1]);
        Files.writeString(root.resolve(SPREAD_GO), "go");
        writeBatches(store, phase3, spread[0], starts);
        local.awaitAll(Duration.ofMinutes(1));
        for (Process p : replicas) {
          if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("replica failed; see its log under " + root);
          }
        }
        spreadSpan = readSpreadStarts(root, records, starts);
      }
      List<Arrivals> all = new ArrayList<>(List.of(local));
      for (int n = 1; n < NAMES.size(); n++) {
        all.add(Arrivals.readFrom(arrivalsFile(root, n), records));
      }
      long spreadEnd = IntStream.range(records, 2 * records)
          .mapToLong(i -> all.stream().mapToLong(m -> m.created(i)).max().orElseThrow()).max().orElseThrow();
      printRate("phase 3, new records in batches of " + StoreBenchmark.BLOCK_BATCH
          + " from all 3 replicas at once (first batch start to last record readable everywhere)",
          records, spreadSpan[0], spreadEnd);
      report("phase 1, batches from one replica", delays(0, records, starts, all, Arrivals::created));
      report("phase 2, single merges", delays(0, records, judgeStarts, all, Arrivals::judged));
      report("phase 3, batches from all replicas", delays(records, 2 * records, starts, all, Arrivals::created));
      for (int n = 1; n < NAMES.size(); n++) {
        String[] heap = Files.readString(Path.of(arrivalsFile(root, n) + ".heap")).trim().split(" ");
        long warmHeap = Long.parseLong(heap[0]);
        long heldHeap = Long.parseLong(heap[1]);
        long warmHeld = Long.parseLong(heap[2]);
        long held = Long.parseLong(heap[3]);
        // A merge view means the replicas split while starting: conflict resolution then writes records without
        // entry events, which the node re-reads after healing (Membership) but this bare replica does not.
        StoreBenchmark.print("%s (own JVM): %,d records in its cache, %s in its query index, %s merge views;"
                + " heap per record %,.0f B (growth from %,d to %,d records)", NAMES.get(n), held, heap[4], heap[5],
            (heldHeap - warmHeap) / (double) (held - warmHeld), warmHeld, held);
      }
    } finally {
      replicas.forEach(Process::destroyForcibly);
      StoreBenchmark.deleteTree(root);
    }
    System.exit(0);
  }

  /** Record numbers {@code [from, to)} of the {@code count} from {@code first} that replica {@code member} writes. */
  static int[] slice(int first, int count, int member) {
    int size = count / NAMES.size();
    int from = first + member * size;
    int to = member == NAMES.size() - 1 ? first + count : from + size;
    return new int[] {from, to};
  }

  /** Writes replica {@code member}'s third of the warm-up, numbered after the measured records of both phases. */
  static void writeWarmUp(MessageStore store, int records, int warmUp, int member) {
    int[] own = slice(2 * records, warmUp, member);
    StoreBenchmark.writeInBatches(store, own[1] - own[0], i -> StoreBenchmark.record(own[0] + i));
  }

  /**
   * Records {@code [from, to)}, made before any clock starts: making one hashes three times, which would otherwise
   * be measured as the store's cost.
   */
  static List<MessageRecord> made(int from, int to) {
    return IntStream.range(from, to).mapToObj(StoreBenchmark::record).toList();
  }

  /** Writes {@code made}, record numbers from {@code from}, in batches, noting each batch's start in {@code starts}. */
  static void writeBatches(MessageStore store, List<MessageRecord> made, int from, long[] starts) {
    int batch = StoreBenchmark.BLOCK_BATCH;
    for (int first = 0; first < made.size(); first += batch) {
      int end = Math.min(first + batch, made.size());
      Arrays.fill(starts, from + first, from + end, System.nanoTime());
      store.mergeAll(made.subList(first, end));
    }
  }

  private static void judgeConcurrently(MessageStore store, int records, long[] starts) {
    List<MessageRecord> judged = IntStream.range(0, records)
        .mapToObj(i -> StoreBenchmark.judged(StoreBenchmark.record(i))).toList();
    var next = new AtomicInteger();
    long begin = System.nanoTime();
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < StoreBenchmark.WRITER_THREADS; t++) {
        threads.submit(() -> {
          for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
            starts[i] = System.nanoTime();
            store.merge(judged.get(i));
          }
        });
      }
    }
    printRate("phase 2, re-judged records one merge at a time from " + StoreBenchmark.WRITER_THREADS
        + " threads on one replica", records, begin, System.nanoTime());
  }

  private static void printRate(String what, int records, long beginNanos, long endNanos) {
    double seconds = (endNanos - beginNanos) / 1e9;
    StoreBenchmark.print("3 replicas in 3 JVMs, %s: %,.0f records/s (%,d in %.2f s)", what, records / seconds,
        records, seconds);
  }

  /** Fills in the other replicas' phase-3 batch starts; returns the first start of all and the last. */
  private static long[] readSpreadStarts(Path root, int records, long[] starts) throws IOException {
    for (int n = 1; n < NAMES.size(); n++) {
      for (String line : Files.readAllLines(root.resolve(NAMES.get(n) + ".spread"))) {
        String[] parts = line.split(" ");
        starts[Integer.parseInt(parts[0])] = Long.parseLong(parts[1]);
      }
    }
    long[] phase3 = Arrays.copyOfRange(starts, records, 2 * records);
    return new long[] {Arrays.stream(phase3).min().orElseThrow(), Arrays.stream(phase3).max().orElseThrow()};
  }

  /** Per record in {@code [from, to)}: from its write's start to the last member applying it. */
  private static long[] delays(int from, int to, long[] starts, List<Arrivals> members,
                               ToLongBiFunction<Arrivals, Integer> time) {
    long[] delays = new long[to - from];
    for (int i = from; i < to; i++) {
      Integer record = i;
      long last = members.stream().mapToLong(m -> time.applyAsLong(m, record)).max().orElseThrow();
      delays[i - from] = last - starts[i];
    }
    Arrays.sort(delays);
    return delays;
  }

  private static void report(String what, long[] delays) {
    int n = delays.length;
    StoreBenchmark.print("%s, write start to readable on all 3 replicas: p50 %.2f ms, p99 %.2f ms, max %.2f ms",
        what, delays[n / 2] / 1e6, delays[(int) (n * 0.99)] / 1e6, delays[n - 1] / 1e6);
  }

  private static Process spawn(ClusterOptions o, Path root, int records, int warmUp) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "-Xmx512m", "-XX:SoftRefLRUPolicyMSPerMB=0",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), BenchReplica.class.getName(),
        o.nodeName(), o.dataDir().toString(), o.clusterName(),
        o.members().stream().map(Object::toString).collect(Collectors.joining(",")),
        Integer.toString(o.bindPort().orElseThrow()), Integer.toString(records), Integer.toString(warmUp),
        Integer.toString(NAMES.indexOf(o.nodeName())), root.toString());
    File log = root.resolve(o.nodeName() + ".log").toFile();
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Until every replica other than this JVM's wrote {@code <node><suffix>}. */
  static void awaitFiles(Path root, String suffix) {
    Awaitility.await("replicas " + suffix).atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> NAMES.stream().skip(1).allMatch(name -> Files.exists(root.resolve(name + suffix))));
  }

  static Path arrivalsFile(Path root, int member) {
    return root.resolve(NAMES.get(member) + ".arrivals");
  }
}
