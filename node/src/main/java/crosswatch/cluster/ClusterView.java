package crosswatch.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The cluster as this replica sees it now.
 *
 * @param node this replica's name
 * @param members names of the members of the current view, this one included, in view order
 * @param degraded true when the view holds no majority of the expected members: this replica keeps watching, but
 *     what it writes meets the other side's only when the partition heals
 */
public record ClusterView(String node, String coordinator, List<String> members, long viewId, boolean degraded) {
  public ClusterView {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(coordinator, "coordinator");
    members = List.copyOf(members);
  }

  /** True when fewer than a majority of {@code expected} members are present. */
  static boolean minority(int present, int expected) {
    return 2 * present <= expected && present < expected;
  }
}
