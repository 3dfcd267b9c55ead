package crosswatch.api;

import crosswatch.cluster.ClusterStatus;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@code /api/v1/cluster}: this replica's view of the cluster and the owners of each chain. */
final class ClusterHandler {
  /** The wire form: ids as decimal strings, owners keyed by chain id. */
  record ClusterJson(String node, String site, String coordinator, List<String> members, String viewId,
                     boolean degraded, Map<String, List<String>> owners) {
    static ClusterJson of(ClusterStatus status) {
      var owners = new TreeMap<String, List<String>>();
      status.owners().forEach((chainId, names) -> owners.put(Long.toString(chainId), names));
      return new ClusterJson(status.node(), status.site(), status.coordinator(), status.members(),
          Long.toString(status.viewId()), status.degraded(), owners);
    }
  }

  private final Supplier<ClusterStatus> cluster;

  ClusterHandler(Supplier<ClusterStatus> cluster) {
    this.cluster = cluster;
  }

  void status(RoutingContext ctx) {
    JsonBody.send(ctx, 200, ClusterJson.of(cluster.get()));
  }
}
