package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.metrics.Meters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Two members of a cluster meant for three, in one JVM: views, ownership moves and degraded detection. */
class MembershipTest {
  private static final List<Long> CHAINS = List.of(901L, 902L, 903L, 904L);

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  @TempDir
  Path root;

  @Test
  void aMemberLeftAloneOfThreeTakesEveryChainAndReportsDegraded() {
    List<ClusterOptions> options = TestNodes.cluster(root, List.of("node-a", "node-b"));
    List<ClusterStores> members = nodes.startTogether(
        options.stream().map(o -> o.withMembers(o.members(), 2)).toList());
    var registry = new SimpleMeterRegistry();
    var membership = new Membership(members.getFirst().cacheManager(), 3, List.of(ClusterStores.MESSAGES), () -> { },
        registry);
    var owned = new CopyOnWriteArrayList<Set<Long>>();
    var owners = new ChainOwners(CHAINS, Ownership.SINGLE, owned::add, registry);
    membership.subscribe(owners);

    assertThat(membership.view().members()).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(membership.view().degraded()).isFalse();
    assertThat(owned.getLast()).isEqualTo(Ownership.SINGLE.ownedBy("node-a", CHAINS, List.of("node-a", "node-b")));

    members.get(1).close();

    await().until(() -> membership.view().members().equals(List.of("node-a")));
    assertThat(membership.view().degraded()).isTrue();
    await().until(() -> owned.getLast().equals(Set.copyOf(CHAINS)));
    assertThat(registry.get(Meters.CLUSTER_DEGRADED).gauge().value()).isEqualTo(1);
    assertThat(registry.get(Meters.OWNED_CHAINS).gauge().value()).isEqualTo(CHAINS.size());
    membership.close();
  }
}
