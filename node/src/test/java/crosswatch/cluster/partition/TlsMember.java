package crosswatch.cluster.partition;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.store.Checkpoint;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;

/**
 * A member of the tcp-tls stack in its own JVM, for {@link TlsProcessTest}. Its key material comes from the
 * {@code CROSSWATCH_TLS_*} environment, as an operator would give it, never from arguments. It writes one
 * checkpoint so that the test can see whether it reached the cluster, and stays until its stdin closes.
 * Arguments: node name, data dir, cluster name, members ({@code host[port],...}), bind port, initial cluster
 * size, chain id of its checkpoint.
 */
public final class TlsMember {
  private TlsMember() {}

  public static void main(String[] args) throws Exception {
    var options = ClusterOptions.singleMember(Path.of(args[1]), args[0])
        .withClusterName(args[2])
        .withStack("tcp-tls")
        .withBind("127.0.0.1", Integer.parseInt(args[4]))
        .withMembers(ClusterMember.parseList(args[3]), Integer.parseInt(args[5]));
    try (var member = ClusterStores.start(options, new SimpleMeterRegistry())) {
      member.checkpoints().put(new Checkpoint(Long.parseLong(args[6]), 1, "0x" + "b".repeat(64)));
      System.out.println("member started node=" + args[0] + " members=" + member.cacheManager().getMembers());
      while (System.in.read() != -1) {
        // Runs until the test closes stdin or kills the process.
      }
    }
    System.exit(0);
  }
}
