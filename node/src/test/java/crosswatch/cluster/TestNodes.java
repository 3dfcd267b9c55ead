package crosswatch.cluster;

import crosswatch.devnet.FreePort;
import java.nio.file.Path;
import java.util.List;

/** Options for members started inside a test JVM: loopback, free ports, their own data directories. */
public final class TestNodes {
  /** FD_SOCK2 listens on the bind port plus this offset (the stacks' default). */
  private static final int FD_OFFSET = 50_000;

  private TestNodes() {}

  /** A one-member cluster on a free loopback port. */
  public static ClusterOptions single(Path dataDir, String nodeName) {
    int port = freePort();
    return ClusterOptions.singleMember(dataDir, nodeName).withClusterName("test-" + port).withBind("127.0.0.1", port);
  }

  /** Options for {@code names.size()} members that list each other, each with a data directory under {@code root}. */
  public static List<ClusterOptions> cluster(Path root, List<String> names) {
    List<Integer> ports = names.stream().map(n -> freePort()).toList();
    List<ClusterMember> members = ports.stream().map(p -> new ClusterMember("127.0.0.1", p)).toList();
    String clusterName = "test-" + ports.getFirst();
    return names.stream()
        .map(name -> {
          int port = ports.get(names.indexOf(name));
          return ClusterOptions.singleMember(root.resolve(name), name)
              .withClusterName(clusterName)
              .withBind("127.0.0.1", port)
              .withMembers(members, names.size());
        })
        .toList();
  }

  /** A free loopback port whose FD_SOCK2 companion (port + 50000) is free too. */
  public static int freePort() {
    return FreePort.pickWithCompanion(FD_OFFSET);
  }
}
