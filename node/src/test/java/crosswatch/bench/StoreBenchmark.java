package crosswatch.bench;

import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.RunningNodes;
import crosswatch.cluster.TestNodes;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Not a test: measures the replicated store by hand and prints the numbers. Arguments: members (3), records
 * written to the cluster (20000), records held by each replica for heap and query figures (100000; measured on
 * one member, then on two).
 *
 * <pre>
 * mvn -B -ntp -o -q -pl node -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt \
 *     -Dmdep.includeScope=test
 * java -Xmx1g -XX:SoftRefLRUPolicyMSPerMB=0 --sun-misc-unsafe-memory-access=allow \
 *     --enable-native-access=ALL-UNNAMED -cp node/target/test-classes:node/target/classes:$(cat /tmp/cp.txt) \
 *     crosswatch.bench.StoreBenchmark 3 20000 100000
 * </pre>
 *
 * <p>The soft-index file store caches entries it has read or written behind soft references, which the JVM
 * drops before it runs out of memory; {@code -XX:SoftRefLRUPolicyMSPerMB=0} drops them at every collection, so
 * the heap figure counts what a replica must keep (without it, about 250 bytes more per record show up).
 */
public final class StoreBenchmark {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final int BLOCK_BATCH = 500;
  static final int WRITER_THREADS = 8;
  private static final String WRITER = "node-0";

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int heldRecords = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    Path root = Files.createTempDirectory("crosswatch-bench");
    try {
      writes(root.resolve("cluster"), members, records);
      heapAndQueries(root.resolve("single"), 1, heldRecords);
      heapAndQueries(root.resolve("pair"), 2, heldRecords);
    } finally {
      deleteTree(root);
    }
    System.exit(0);
  }

  private static void writes(Path dir, int members, int records) {
    List<String> names = IntStream.range(0, members).mapToObj(i -> "node-" + i).toList();
    try (var running = new RunningNodes()) {
      List<ClusterStores> nodes = running.startTogether(TestNodes.cluster(dir, names));
      MessageStore writer = nodes.getFirst().messages();
      writeInBatches(writer, 2_000, i -> record(records + i));

      long start = System.nanoTime();
      writeInBatches(writer, records, StoreBenchmark::record);
      double batchSeconds = seconds(start);
      print("%d members, new records in batches of %d from one member: %,.0f records/s (%,d in %.2f s)",
          members, BLOCK_BATCH, records / batchSeconds, records, batchSeconds);

      long[] latencies = new long[records];
      var next = new AtomicInteger();
      start = System.nanoTime();
      try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int t = 0; t < WRITER_THREADS; t++) {
          MessageStore store = nodes.get(t % members).messages();
          threads.submit(() -> {
            for (int i = next.getAndIncrement(); i < records; i = next.getAndIncrement()) {
              long begin = System.nanoTime();
              store.merge(judged(record(i)));
              latencies[i] = System.nanoTime() - begin;
            }
          });
        }
      }
      double singleSeconds = seconds(start);
      Arrays.sort(latencies);
      print("%d members, re-judged records one merge at a time from %d threads on all members: %,.0f records/s;"
              + " write visible on every replica when the call returns (synchronous): p50 %.2f ms, p99 %.2f ms",
          members, WRITER_THREADS, records / singleSeconds, latencies[records / 2] / 1e6,
          latencies[(int) (records * 0.99)] / 1e6);

      for (int n = 0; n < members; n++) {
        MessageStore replica = nodes.get(n).messages();
        MessageRecord sample = replica.find(record(records / 3).key()).orElseThrow();
        if (replica.size() != records + 2_000 || sample.status() != Status.VALID) {
          throw new IllegalStateException("replica " + names.get(n) + " diverged");
        }
      }
    }
  }

  /**
   * Heap per record on each of {@code members} replicas in this JVM (the writer keeps the objects it made, the
   * others the decoded ones), then query times on the last replica.
   */
  private static void heapAndQueries(Path dir, int members, int records) {
    List<String> names = IntStream.range(0, members).mapToObj(i -> "node-" + i).toList();
    try (var running = new RunningNodes()) {
      List<ClusterStores> nodes = running.startTogether(members == 1
          ? List.of(TestNodes.single(dir.resolve("node-0"), "node-0"))
          : TestNodes.cluster(dir, names));
      long before = usedHeapAfterGc();
      // Every 1000th message is invalid: a rare status, so a filtered page walks far.
      writeInBatches(nodes.getFirst().messages(), records, i -> i % 1_000 == 0
          ? record(i).withStatus(Status.INVALID, Reason.PAYLOAD_MISMATCH, T0.plusSeconds(9), new Stamp(9, "node-0"))
          : record(i));
      long after = usedHeapAfterGc();
      print("%d member(s) holding %,d records each: %,.0f heap bytes per record per replica (records, index,"
          + " Infinispan entries, soft-index file store)", members, records,
          (after - before) / (double) records / members);

      MessageStore store = nodes.getLast().messages();
      time("query(limit 100), first page", 200, () -> store.query(MessageQuery.all(100)));
      MessageQuery deep = new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(), 100,
          store.query(MessageQuery.all(1000)).next());
      time("query(limit 100) after a cursor 1000 deep", 200, () -> store.query(deep));
      MessageQuery invalid = new MessageQuery(Optional.of(Status.INVALID), Optional.empty(), Optional.empty(), 100,
          null);
      time("query(status=invalid, limit 100), 1 record in 1000 matches", 20, () -> store.query(invalid));
      time("pending(), full scan", 10, store::pending);
      time("executedIn(901, 1000..1100), full scan", 10, () -> store.executedIn(901, 1_000, 1_100));
    }
  }

  static void writeInBatches(MessageStore store, int count, IntFunction<MessageRecord> records) {
    for (int from = 0; from < count; from += BLOCK_BATCH) {
      store.mergeAll(IntStream.range(from, Math.min(from + BLOCK_BATCH, count)).mapToObj(records).toList());
    }
  }

  private static void time(String what, int runs, Runnable query) {
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long begin = System.nanoTime();
      query.run();
      nanos[i] = System.nanoTime() - begin;
    }
    Arrays.sort(nanos);
    print("%s: median %.2f ms, max %.2f ms (%d runs)", what, nanos[runs / 2] / 1e6, nanos[runs - 1] / 1e6, runs);
  }

  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * A message as the scanner writes it: unique hashes, a realistic identifier, one history entry, first seen at
   * its own instant, one writer name for all.
   */
  static MessageRecord record(int i) {
    byte[] seed = BigInteger.valueOf(i).toByteArray();
    Instant seen = T0.plusMillis(i);
    String blockHash = Hash.sha3(Numeric.toHexString(seed));
    long block = 1_000_000L + i / 4;
    var key = new MessageKey(901, blockHash, i % 4);
    var identifier = new Identifier("0x4200000000000000000000000000000000000023", BigInteger.valueOf(block - 3),
        BigInteger.valueOf(i % 7), BigInteger.valueOf(1_767_225_600L + i / 4 - 6), BigInteger.valueOf(902));
    return new MessageRecord(key, block, Hash.sha3(blockHash), 1_767_225_600L + i / 4,
        Hash.sha3(Hash.sha3(blockHash)), identifier, Status.PENDING, null,
        List.of(new HistoryEntry(Status.PENDING, null, seen)), seen, seen, new Stamp(1, WRITER));
  }

  static MessageRecord judged(MessageRecord r) {
    return r.withStatus(Status.VALID, null, T0.plusSeconds(2), new Stamp(2, "node-1"));
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  static void print(String format, Object... args) {
    System.out.println("bench " + String.format(format, args));
  }

  static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
