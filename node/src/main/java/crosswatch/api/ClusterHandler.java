package crosswatch.api;

import crosswatch.cluster.ClusterStatus;
import crosswatch.cluster.SiteLink;
import java.time.Instant;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/cluster}: this replica's view of the cluster, the owners of each chain, and every site of the
 * deployment with its relay nodes, whether it is online and how fresh its backups are.
 */
final class ClusterHandler {
  /** The wire form: ids as decimal strings, owners keyed by chain id. */
  record ClusterJson(String node, String site, String coordinator, List<String> members, String viewId,
                     boolean degraded, Map<String, List<String>> owners, List<SiteJson> sites) {
    static ClusterJson of(ClusterStatus status) {
      var owners = new TreeMap<String, List<String>>();
      status.owners().forEach((chainId, names) -> owners.put(Long.toString(chainId), names));
      return new ClusterJson(status.node(), status.site(), status.coordinator(), status.members(),
          Long.toString(status.viewId()), status.degraded(), owners,
          status.sites().stream().map(SiteJson::of).toList());
    }
  }

  /**
   * One site of the deployment as this replica sees it.
   *
   * @param lastBackupReceivedAt ISO-8601 UTC; null for this site and for a site never heard from
   * @param backupLagSeconds age of the newest backup received from that site, on its clock; 0 for this site, null
   *     for a site never heard from
   */
  record SiteJson(String name, boolean online, List<String> relayNodes, String lastBackupReceivedAt,
                  Double backupLagSeconds) {
    static SiteJson of(SiteLink link) {
      return new SiteJson(link.site(), link.online(), link.relayNodes(),
          link.lastBackupReceivedAt().map(Instant::toString).orElse(null),
          link.backupLag().map(d -> d.toMillis() / 1000.0).orElse(null));
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
