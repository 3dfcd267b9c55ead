package crosswatch.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /api/v1/cluster} shows: this replica's view of the cluster and who watches which chain.
 *
 * @param site the name of the cluster this replica belongs to (one site per cluster)
 */
public record ClusterStatus(String node, String site, String coordinator, List<String> members, long viewId,
                            boolean degraded, Map<Long, List<String>> owners) {
  public ClusterStatus {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(coordinator, "coordinator");
    members = List.copyOf(members);
    owners = Map.copyOf(owners);
  }

  public static ClusterStatus of(String site, ClusterView view, Map<Long, List<String>> owners) {
    return new ClusterStatus(view.node(), site, view.coordinator(), view.members(), view.viewId(), view.degraded(),
        owners);
  }
}
