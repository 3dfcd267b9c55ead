package crosswatch.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /api/v1/cluster} shows: this replica's view of the cluster, who watches which chain, and how its
 * site stands with the other sites.
 *
 * @param site the site this replica's cluster is
 * @param sites every site of the deployment, this one included
 */
public record ClusterStatus(String node, String site, String coordinator, List<String> members, long viewId,
                            boolean degraded, Map<Long, List<String>> owners, List<SiteLink> sites) {
  public ClusterStatus {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(coordinator, "coordinator");
    members = List.copyOf(members);
    owners = Map.copyOf(owners);
    sites = List.copyOf(sites);
  }

  public static ClusterStatus of(String site, ClusterView view, Map<Long, List<String>> owners,
                                 List<SiteLink> sites) {
    return new ClusterStatus(view.node(), site, view.coordinator(), view.members(), view.viewId(), view.degraded(),
        owners, sites);
  }
}
