package crosswatch.bench;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.infinispan.context.Flag;

/**
 * A replica of {@link ClusterBenchmark} in its own JVM. Joins the cluster and records when each benchmark record
 * arrives; writes its third of the warm-up when told, and measures its heap once the whole warm-up is held; writes
 * its third of phase 3 when told; once every record has arrived measures its heap again and writes its arrivals,
 * heap figures and merge views seen, then leaves. The files it writes are listed on {@link ClusterBenchmark}.
 * Arguments: node name, data dir, cluster name, members ({@code host[port],...}), bind port, records per phase,
 * warm-up records, its member number, the run's directory.
 */
public final class BenchReplica {
  private BenchReplica() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int records = Integer.parseInt(args[5]);
    int warmUp = Integer.parseInt(args[6]);
    int member = Integer.parseInt(args[7]);
    Path root = Path.of(args[8]);
    var options = ClusterOptions.singleMember(Path.of(args[1]), name)
        .withClusterName(args[2])
        .withBind("127.0.0.1", Integer.parseInt(args[4]))
        .withMembers(ClusterMember.parseList(args[3]), 3);
    var registry = new SimpleMeterRegistry();
    try (var replica = ClusterStores.start(options, registry)) {
      var arrivals = Arrivals.on(replica, 2 * records, records);
      // Only now may the writer start: a record written before this listener was added would never be seen.
      Files.writeString(root.resolve(name + ".ready"), name);

      awaitFile(root.resolve(ClusterBenchmark.WARM_UP_GO));
      ClusterBenchmark.writeWarmUp(replica.messages(), records, warmUp, member);

      Awaitility.await("warm-up held").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
          .until(() -> replica.messages().size() >= warmUp);
      long warmHeld = replica.messages().size();
      long warmHeap = StoreBenchmark.usedHeapAfterGc();
      Files.writeString(root.resolve(name + ".warm"), name);

      int[] slice = ClusterBenchmark.slice(records, records, member);
      long[] starts = writeSpread(replica, root, records, slice);
      Files.write(root.resolve(name + ".spread"),
          IntStream.range(slice[0], slice[1]).mapToObj(i -> i + " " + starts[i]).collect(Collectors.toList()));

      arrivals.awaitAll(Duration.ofMinutes(10));
      long heldHeap = StoreBenchmark.usedHeapAfterGc();
      Path out = ClusterBenchmark.arrivalsFile(root, member);
      arrivals.writeTo(out);
      int held = replica.cacheManager().getCache(ClusterStores.MESSAGES).getAdvancedCache()
          .withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD).size();
      Files.writeString(Path.of(out + ".heap"),
          warmHeap + " " + heldHeap + " " + warmHeld + " " + held + " " + replica.messages().size() + " "
              + (long) registry.counter(Meters.MERGES).count());
    }
    System.exit(0);
  }

  /**
   * Phase 3: this replica's records, made before the go and written on it. The records made here are dropped on
   * return, before the heap is measured.
   */
  private static long[] writeSpread(ClusterStores replica, Path root, int records, int[] slice) {
    var made = ClusterBenchmark.made(slice[0], slice[1]);
    long[] starts = new long[2 * records];
    awaitFile(root.resolve(ClusterBenchmark.SPREAD_GO));
    ClusterBenchmark.writeBatches(replica.messages(), made, slice[0], starts);
    return starts;
  }

  private static void awaitFile(Path file) {
    Awaitility.await(file.getFileName().toString()).atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(5))
        .until(() -> Files.exists(file));
  }
}
