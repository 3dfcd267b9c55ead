package crosswatch.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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

  /**
   * A port below 15536 whose FD_SOCK2 companion (port + 50000) is free too; the OS's ephemeral range would put
   * the companion past 65535.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(10_000, 65_535 - FD_OFFSET);
      if (bindable(port) && bindable(port + FD_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair found");
  }

  private static boolean bindable(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
