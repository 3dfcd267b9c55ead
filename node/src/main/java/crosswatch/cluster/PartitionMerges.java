package crosswatch.cluster;

import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.event.MergeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts and logs partitions healing: each merge view this node installs. Infinispan has no metric for it. */
@Listener
public final class PartitionMerges {
  private static final Logger log = LoggerFactory.getLogger(PartitionMerges.class);

  private final Counter merges;

  public PartitionMerges(MeterRegistry registry) {
    this.merges = Counter.builder(Meters.MERGES).description(Meters.MERGES_HELP).register(registry);
  }

  @Merged
  public void merged(MergeEvent event) {
    merges.increment();
    log.warn("partition healed viewId={} members={} subgroups={}", event.getViewId(), event.getNewMembers(),
        event.getSubgroupsMerged());
  }
}
