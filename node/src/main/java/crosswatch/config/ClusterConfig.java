package crosswatch.config;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.SiteOptions;
import crosswatch.cluster.TlsOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the node joins its replica cluster. Without any cluster flag it is a one-member cluster on loopback.
 *
 * @param stack {@code tcp}, {@code tcp-tls}, {@code kubernetes} or the path of a JGroups XML file
 * @param scanRedundancy replicas that scan each chain: 1, or 2 for a hot standby
 * @param tls key material for the {@code tcp-tls} stack; its {@code toString} hides the passwords
 * @param site this cluster's site and the other sites it backs up to
 */
public record ClusterConfig(String name, String stack, List<ClusterMember> members, Optional<String> bindAddress,
                            OptionalInt bindPort, int initialClusterSize, int scanRedundancy,
                            Optional<TlsOptions> tls, SiteOptions site) {

  /** A one-member cluster on loopback: what a node without cluster flags runs as. */
  public static final ClusterConfig ALONE = new ClusterConfig("crosswatch", "tcp", List.of(), Optional.empty(),
      OptionalInt.empty(), 1, 1, Optional.empty(), SiteOptions.single("crosswatch"));

  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stack, "stack");
    members = List.copyOf(members);
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(bindPort, "bindPort");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(site, "site");
    if (initialClusterSize < 1) {
      throw new IllegalArgumentException("initial cluster size must be >= 1");
    }
    if (scanRedundancy < 1 || scanRedundancy > 2) {
      throw new IllegalArgumentException("scan redundancy must be 1 or 2");
    }
  }

  /** The cluster's intended size: the larger of the static member list and the initial cluster size. */
  public int expectedMembers() {
    return Math.max(members.size(), initialClusterSize);
  }
}
