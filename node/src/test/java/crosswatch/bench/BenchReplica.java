package crosswatch.bench;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.infinispan.context.Flag;

/**
 * A replica of {@link ClusterBenchmark} in its own JVM. Joins the cluster, says it is ready ({@code <out>.ready})
 * once it records arrivals, records when each benchmark record arrives, and once all have, writes its arrivals, its heap growth, records held and records indexed ({@code <out>.heap}) and
 * leaves.
 * Arguments: node name, data dir, cluster name, members ({@code host[port],...}), bind port, records, out file.
 */
public final class BenchReplica {
  private BenchReplica() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    int records = Integer.parseInt(args[5]);
    Path out = Path.of(args[6]);
    var options = ClusterOptions.singleMember(Path.of(args[1]), name)
        .withClusterName(args[2])
        .withBind("127.0.0.1", Integer.parseInt(args[4]))
        .withMembers(ClusterMember.parseList(args[3]), 3);
    try (var member = ClusterStores.start(options, new SimpleMeterRegistry())) {
      long emptyHeap = StoreBenchmark.usedHeapAfterGc();
      var arrivals = Arrivals.on(member, records);
      // Only now may the writer start: a record written before this listener was added would never be seen.
      Files.writeString(Path.of(out + ".ready"), name);
      arrivals.awaitAll(Duration.ofMinutes(10));
      long heldHeap = StoreBenchmark.usedHeapAfterGc();
      arrivals.writeTo(out);
      int held = member.cacheManager().getCache(ClusterStores.MESSAGES).getAdvancedCache()
          .withFlags(Flag.CACHE_MODE_LOCAL, Flag.SKIP_CACHE_LOAD).size();
      Files.writeString(Path.of(out + ".heap"), (heldHeap - emptyHeap) + " " + held + " " + member.messages().size());
    }
    System.exit(0);
  }
}
