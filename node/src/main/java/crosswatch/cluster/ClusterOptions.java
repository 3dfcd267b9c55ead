package crosswatch.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How this node joins its replica cluster and where it keeps its data.
 *
 * @param stack {@code tcp} (static discovery), {@code tcp-tls}, {@code kubernetes} (DNS_PING), or the path of a
 *     JGroups XML file
 * @param members peers for static discovery, this node included; empty means only this node
 * @param bindAddress address to bind and advertise; empty leaves the stack's default (tcp: 127.0.0.1,
 *     kubernetes: the pod's site-local address)
 * @param bindPort TCP port; empty leaves the stack's default (7800)
 * @param initialClusterSize members that must be present before caches start, so that replicas started together
 *     form one cluster rather than several one-member ones
 * @param nodeName unique in the cluster; the name other replicas and the API show for this node
 * @param site the site this cluster is, and the other sites it backs up to
 */
public record ClusterOptions(String clusterName, String stack, List<ClusterMember> members,
                             Optional<String> bindAddress, OptionalInt bindPort, int initialClusterSize,
                             Duration initialClusterTimeout, Path dataDir, String nodeName,
                             Optional<TlsOptions> tls, SiteOptions site) {

  public static final String DEFAULT_CLUSTER_NAME = "crosswatch";
  public static final Duration DEFAULT_INITIAL_CLUSTER_TIMEOUT = Duration.ofMinutes(1);

  public ClusterOptions {
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(stack, "stack");
    members = List.copyOf(members);
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(bindPort, "bindPort");
    Objects.requireNonNull(initialClusterTimeout, "initialClusterTimeout");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(site, "site");
    if (initialClusterSize < 1) {
      throw new IllegalArgumentException("initial cluster size must be >= 1: " + initialClusterSize);
    }
  }

  /** A one-member cluster on 127.0.0.1:7800, one site named after the cluster: a node without cluster flags. */
  public static ClusterOptions singleMember(Path dataDir, String nodeName) {
    return new ClusterOptions(DEFAULT_CLUSTER_NAME, "tcp", List.of(), Optional.empty(), OptionalInt.empty(), 1,
        DEFAULT_INITIAL_CLUSTER_TIMEOUT, dataDir, nodeName, Optional.empty(),
        SiteOptions.single(DEFAULT_CLUSTER_NAME));
  }

  public ClusterOptions withClusterName(String name) {
    return new ClusterOptions(name, stack, members, bindAddress, bindPort, initialClusterSize,
        initialClusterTimeout, dataDir, nodeName, tls, site);
  }

  public ClusterOptions withStack(String newStack) {
    return new ClusterOptions(clusterName, newStack, members, bindAddress, bindPort, initialClusterSize,
        initialClusterTimeout, dataDir, nodeName, tls, site);
  }

  public ClusterOptions withBind(String address, int port) {
    return new ClusterOptions(clusterName, stack, members, Optional.of(address), OptionalInt.of(port),
        initialClusterSize, initialClusterTimeout, dataDir, nodeName, tls, site);
  }

  public ClusterOptions withMembers(List<ClusterMember> newMembers, int newInitialClusterSize) {
    return new ClusterOptions(clusterName, stack, newMembers, bindAddress, bindPort, newInitialClusterSize,
        initialClusterTimeout, dataDir, nodeName, tls, site);
  }

  public ClusterOptions withTls(TlsOptions newTls) {
    return new ClusterOptions(clusterName, stack, members, bindAddress, bindPort, initialClusterSize,
        initialClusterTimeout, dataDir, nodeName, Optional.of(newTls), site);
  }

  public ClusterOptions withDataDir(Path newDataDir) {
    return new ClusterOptions(clusterName, stack, members, bindAddress, bindPort, initialClusterSize,
        initialClusterTimeout, newDataDir, nodeName, tls, site);
  }

  public ClusterOptions withSite(SiteOptions newSite) {
    return new ClusterOptions(clusterName, stack, members, bindAddress, bindPort, initialClusterSize,
        initialClusterTimeout, dataDir, nodeName, tls, newSite);
  }

  /**
   * True when this node expects no peers. Its file store is then the only copy of the data and survives restarts;
   * a member of a larger cluster purges its store on startup and takes the current state from its peers instead,
   * so a replica that was down never brings back what changed meanwhile.
   */
  public boolean expectsNoPeers() {
    return stack.equals("tcp") && members.size() <= 1 && initialClusterSize == 1;
  }
}
