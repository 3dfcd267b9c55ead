package crosswatch.cluster.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.RunningNodes;
import crosswatch.cluster.TestCertificates;
import crosswatch.cluster.TestNodes;
import crosswatch.cluster.TlsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tcp-tls stack across processes: a replica in another JVM whose key material comes from its environment
 * joins this JVM's member and replicates; a replica in a third JVM whose certificate the cluster's CA did not
 * sign keeps trying to join (its discovery lists both) and never gets in.
 */
@Tag("integration")
class TlsProcessTest {
  private static final List<String> NAMES = List.of("node-a", "node-b", "stranger");

  @TempDir
  Path root;

  @RegisterExtension
  final RunningNodes nodes = new RunningNodes();

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void aReplicaKeyedFromItsEnvironmentJoinsAndOneWithoutTheClustersCertificateNeverDoes() throws Exception {
    var certificates = new TestCertificates(root.resolve("keys"));
    List<ClusterOptions> options = TestNodes.cluster(root, NAMES);
    Path strangerLog = root.resolve("stranger.log");
    spawn(options.get(1), certificates.signed("node-b"), 2, 901, root.resolve("node-b.log"));
    spawn(options.get(2), certificates.stranger("stranger"), 1, 902, strangerLog);

    ClusterStores a = nodes.start(options.get(0).withStack("tcp-tls").withTls(certificates.signed("node-a"))
        .withMembers(options.get(0).members(), 2));

    await().atMost(Duration.ofSeconds(30)).until(() -> a.checkpoints().get(901).isPresent());
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(strangerLog).contains("member started"));
    // Long enough for several MERGE3 rounds (every 2-5 s) in which the stranger's discovery reaches us.
    await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).until(() ->
        a.cacheManager().getMembers().size() == 2 && a.checkpoints().get(902).isEmpty());
    assertThat(a.cacheManager().getMembers()).hasSize(2);
  }

  private void spawn(ClusterOptions o, TlsOptions keys, int initialClusterSize, long chainId, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        TlsMember.class.getName(), o.nodeName(), o.dataDir().toString(), o.clusterName(),
        o.members().stream().map(Object::toString).collect(Collectors.joining(",")),
        Integer.toString(o.bindPort().orElseThrow()), Integer.toString(initialClusterSize), Long.toString(chainId))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of(
        "CROSSWATCH_TLS_KEYSTORE_PATH", keys.keystore().toString(),
        "CROSSWATCH_TLS_KEYSTORE_PASSWORD", keys.keystorePassword(),
        "CROSSWATCH_TLS_TRUSTSTORE_PATH", keys.truststore().toString(),
        "CROSSWATCH_TLS_TRUSTSTORE_PASSWORD", keys.truststorePassword()));
    processes.add(builder.start());
  }
}
