package crosswatch.cluster;

import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Recomputes which chains this replica watches on every view change and hands the new set to {@code apply} at
 * once: a replica that died loses its chains within the time failure detection takes to install the next view.
 */
public final class ChainOwners implements Consumer<ClusterView> {
  private final List<Long> chainIds;
  private final Ownership ownership;
  private final Consumer<Set<Long>> apply;
  private volatile Map<Long, List<String>> owners = Map.of();
  private volatile Set<Long> owned = Set.of();

  public ChainOwners(List<Long> chainIds, Ownership ownership, Consumer<Set<Long>> apply, MeterRegistry registry) {
    this.chainIds = List.copyOf(chainIds);
    this.ownership = ownership;
    this.apply = apply;
    Gauge.builder(Meters.OWNED_CHAINS, this, o -> o.owned.size()).description(Meters.OWNED_CHAINS_HELP)
        .register(registry);
  }

  @Override
  public synchronized void accept(ClusterView view) {
    owners = ownership.owners(chainIds, view.members());
    Set<Long> next = ownership.ownedBy(view.node(), chainIds, view.members());
    if (!next.equals(owned)) {
      owned = next;
      apply.accept(next);
    }
  }

  /** Every chain's owners in the latest view, highest weight first. */
  public Map<Long, List<String>> owners() {
    return owners;
  }
}
