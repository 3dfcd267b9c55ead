package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.Checkpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The tcp-tls stack: members with certificates from the cluster's CA replicate; a node without one stays out. */
@Tag("integration")
class TlsClusterTest {
  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  @Test
  void membersWithTheClustersCertificatesReplicateAndAStrangerCannotJoin() throws Exception {
    var certificates = new TestCertificates(root.resolve("keys"));
    List<ClusterOptions> options = TestNodes.cluster(root, List.of("node-a", "node-b", "stranger"));
    ClusterOptions a = tls(options.get(0), certificates.signed("node-a"), 2);
    ClusterOptions b = tls(options.get(1), certificates.signed("node-b"), 2);
    ClusterOptions stranger = tls(options.get(2), certificates.stranger("stranger"), 1);

    nodes.startTogether(List.of(a, b));
    nodes.start(stranger);
    var checkpoint = new Checkpoint(901, 5, "0x" + "a".repeat(64));
    nodes.get(0).checkpoints().put(checkpoint);

    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(nodes.get(1).checkpoints().get(901)).contains(checkpoint));
    assertThat(nodes.get(0).cacheManager().getMembers()).hasSize(2);
    assertThat(nodes.get(2).cacheManager().getMembers()).hasSize(1);
    assertThat(nodes.get(2).checkpoints().get(901)).isEmpty();
  }

  private static ClusterOptions tls(ClusterOptions options, TlsOptions keys, int initialClusterSize) {
    return options.withStack("tcp-tls").withTls(keys).withMembers(options.members(), initialClusterSize);
  }
}
