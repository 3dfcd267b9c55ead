package crosswatch.store;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one replica's resume files say, as it published them in the cluster's {@code resume-points} cache when it
 * started: a safe point for every chain it knows of. A chain absent is one it knows nothing of; the entry's
 * presence tells that it has published.
 *
 * @param node the replica's name
 * @param incarnation the identity of the replica's process (its cluster address), so that the entry an earlier
 *     process of a restarted replica left in the cache is not taken for this process's publication
 */
public record SafePoints(String node, String incarnation, List<SafePoint> points) {
  public SafePoints {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(incarnation, "incarnation");
    points = List.copyOf(points);
    var chainIds = new HashSet<Long>();
    for (SafePoint point : points) {
      if (!chainIds.add(point.chainId())) {
        throw new IllegalArgumentException("two safe points for chain " + point.chainId());
      }
    }
  }

  /** The safe point of {@code chainId}; empty when this replica knows nothing of the chain. */
  public OptionalLong of(long chainId) {
    return points.stream().filter(p -> p.chainId() == chainId).mapToLong(SafePoint::fromBlock).findFirst();
  }
}
