package crosswatch.cluster;

import crosswatch.devnet.FreePort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

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
   * Options for the members of several sites, {@code perSite} members each, every member a relay node: the sites'
   * clusters list their own members, and the bridge members list every member of every site. Members are named
   * {@code <site>-<n>} with data directories under {@code root}; the result lists site by site.
   */
  public static List<ClusterOptions> sites(Path root, List<String> sites, int perSite) {
    return sites(root, sites, perSite, port -> port);
  }

  /**
   * As {@link #sites(Path, List, int)}, each member's bridge advertised (and listed to the others) at
   * {@code advertise(bridgePort)}: a proxy's port in front of it, say.
   */
  public static List<ClusterOptions> sites(Path root, List<String> sites, int perSite, IntUnaryOperator advertise) {
    List<ClusterMember> bridge = new ArrayList<>();
    List<List<ClusterOptions>> bySite = new ArrayList<>();
    for (String site : sites) {
      List<String> names = IntStream.range(0, perSite).mapToObj(i -> site + "-" + i).toList();
      bySite.add(cluster(root, names));
    }
    List<Integer> bridgePorts = IntStream.range(0, sites.size() * perSite).map(i -> freePort()).boxed().toList();
    List<Integer> advertised = bridgePorts.stream().map(advertise::applyAsInt).toList();
    advertised.forEach(p -> bridge.add(new ClusterMember("127.0.0.1", p)));
    List<ClusterOptions> all = new ArrayList<>();
    for (int s = 0; s < sites.size(); s++) {
      for (int m = 0; m < perSite; m++) {
        int i = s * perSite + m;
        Optional<ClusterMember> at = advertised.get(i).equals(bridgePorts.get(i)) ? Optional.empty()
            : Optional.of(new ClusterMember("127.0.0.1", advertised.get(i)));
        var site = new SiteOptions(sites.get(s), sites, bridge, Optional.of("127.0.0.1"), bridgePorts.get(i), at,
            "tcp", perSite);
        all.add(bySite.get(s).get(m).withSite(site));
      }
    }
    return all;
  }

  /** A free loopback port whose FD_SOCK2 companion (port + 50000) is free too. */
  public static int freePort() {
    return FreePort.pickWithCompanion(FD_OFFSET);
  }
}
