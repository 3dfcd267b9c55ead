package crosswatch.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which site (region) this replica belongs to and how its site reaches the others. A site is one replica cluster;
 * sites are bridged by JGroups RELAY2: the site's relay nodes (the first {@code relayNodes} members of its view)
 * also join a bridge cluster with the relay nodes of every other site, and the replicated caches back up to the
 * other sites asynchronously through them.
 *
 * @param site this replica's site
 * @param sites every site of the deployment, this one included, in a stable order; one site means no bridge
 * @param bridgeMembers the bridge endpoints of every relay node of every site (static discovery), this site's
 *     included; a bridge stack that discovers them otherwise (kubernetes: DNS) needs none
 * @param bridgeAddress the address this replica's bridge binds to when it is a relay node; empty: the local stack's
 * @param bridgePort the bridge's TCP port
 * @param bridgeAdvertise where the other sites reach this replica's bridge when that differs from where it binds
 *     (a load balancer, a NAT, a proxy)
 * @param bridgeStack {@code tcp}, {@code tcp-tls}, {@code kubernetes} or the path of a JGroups XML file
 * @param relayNodes how many members of each site relay (RELAY2 {@code max_site_masters})
 */
public record SiteOptions(String site, List<String> sites, List<ClusterMember> bridgeMembers,
                          Optional<String> bridgeAddress, int bridgePort, Optional<ClusterMember> bridgeAdvertise,
                          String bridgeStack, int relayNodes) {
  public static final int DEFAULT_BRIDGE_PORT = 7900;
  /** Site names go into cache names, metrics and file names. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public SiteOptions {
    Objects.requireNonNull(site, "site");
    sites = List.copyOf(sites);
    bridgeMembers = List.copyOf(bridgeMembers);
    Objects.requireNonNull(bridgeAddress, "bridgeAddress");
    Objects.requireNonNull(bridgeAdvertise, "bridgeAdvertise");
    Objects.requireNonNull(bridgeStack, "bridgeStack");
    for (String name : sites) {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("site name must match " + NAME + ": " + name);
      }
    }
    if (!sites.contains(site)) {
      throw new IllegalArgumentException("the sites must include this site " + site + ": " + sites);
    }
    if (new HashSet<>(sites).size() != sites.size()) {
      throw new IllegalArgumentException("site names must be distinct: " + sites);
    }
    if (sites.size() > 1 && bridgeMembers.isEmpty() && JGroupsStack.STATIC_BRIDGES.contains(bridgeStack)) {
      throw new IllegalArgumentException("several sites on a static bridge need its members to find each other");
    }
    if (bridgePort < 1 || bridgePort > 65_535) {
      throw new IllegalArgumentException("bridge port must be in [1, 65535]: " + bridgePort);
    }
    if (relayNodes < 1) {
      throw new IllegalArgumentException("relay nodes must be >= 1: " + relayNodes);
    }
  }

  /** A deployment of one site: no bridge, nothing relayed. */
  public static SiteOptions single(String site) {
    return new SiteOptions(site, List.of(site), List.of(), Optional.empty(), DEFAULT_BRIDGE_PORT, Optional.empty(),
        "tcp", 1);
  }

  /** The sites other than this one, which the caches back up to. */
  public List<String> others() {
    return sites.stream().filter(s -> !s.equals(site)).toList();
  }

  /** True when there are other sites to relay to. */
  public boolean relays() {
    return sites.size() > 1;
  }
}
