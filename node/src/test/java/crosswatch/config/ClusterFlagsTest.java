package crosswatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.ClusterMember;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClusterFlagsTest {
  private static final String RPC = "901=http://127.0.0.1:8545";

  @Nested
  class Defaults {
    @Test
    void withoutClusterFlagsTheNodeIsAOneMemberTcpCluster() {
      ClusterConfig cluster = Loading.config("--rpc", RPC).cluster();

      assertThat(cluster.name()).isEqualTo("crosswatch");
      assertThat(cluster.stack()).isEqualTo("tcp");
      assertThat(cluster.members()).isEmpty();
      assertThat(cluster.bindPort()).isEqualTo(OptionalInt.empty());
      assertThat(cluster.expectedMembers()).isEqualTo(1);
      assertThat(cluster.scanRedundancy()).isEqualTo(1);
      assertThat(cluster.tls()).isEmpty();
    }
  }

  @Nested
  class StaticCluster {
    @Test
    void membersPortsAndSizesAreRead() {
      ClusterConfig cluster = Loading.config("--rpc", RPC, "--cluster-name", "prod",
          "--cluster-members", "10.0.0.1[7800],10.0.0.2[7801]", "--bind-address", "10.0.0.1", "--bind-port", "7800",
          "--initial-cluster-size", "3", "--scan-redundancy", "2").cluster();

      assertThat(cluster.name()).isEqualTo("prod");
      assertThat(cluster.members()).containsExactly(new ClusterMember("10.0.0.1", 7800),
          new ClusterMember("10.0.0.2", 7801));
      assertThat(cluster.bindAddress()).contains("10.0.0.1");
      assertThat(cluster.bindPort()).isEqualTo(OptionalInt.of(7800));
      assertThat(cluster.expectedMembers()).isEqualTo(3);
      assertThat(cluster.scanRedundancy()).isEqualTo(2);
    }

    @Test
    void aMalformedMemberListIsRefusedNamingTheFlag() {
      assertThat(Loading.error("--rpc", RPC, "--cluster-members", "10.0.0.1:7800").line())
          .startsWith("crosswatch: --cluster-members: expected host[port]");
    }

    @Test
    void aScanRedundancyAboveTwoIsRefused() {
      assertThat(Loading.error("--rpc", RPC, "--scan-redundancy", "3").line())
          .startsWith("crosswatch: --scan-redundancy: expected a number in 1..2");
    }

    @Test
    void anUnknownStackIsRefused() {
      assertThat(Loading.error("--rpc", RPC, "--cluster-stack", "udp").line())
          .startsWith("crosswatch: --cluster-stack: expected tcp, tcp-tls, kubernetes");
    }
  }

  @Nested
  class Tls {
    @Test
    void passwordsComeFromTheEnvironmentAndNeverShowInTheConfiguration() {
      Config config = Loading.config(Map.of("CROSSWATCH_TLS_KEYSTORE_PASSWORD", "key-secret",
              "CROSSWATCH_TLS_TRUSTSTORE_PASSWORD", "trust-secret"),
          "--rpc", RPC, "--cluster-stack", "tcp-tls", "--tls-keystore", "/etc/crosswatch/node.p12",
          "--tls-truststore", "/etc/crosswatch/ca.p12");

      var tls = config.cluster().tls().orElseThrow();
      assertThat(tls.keystore()).isEqualTo(Path.of("/etc/crosswatch/node.p12"));
      assertThat(tls.keystorePassword()).isEqualTo("key-secret");
      assertThat(tls.truststorePassword()).isEqualTo("trust-secret");
      assertThat(config.toString()).doesNotContain("key-secret", "trust-secret");
    }

    @Test
    void theTlsStackWithoutAKeystoreIsRefused() {
      assertThat(Loading.error("--rpc", RPC, "--cluster-stack", "tcp-tls").line())
          .isEqualTo("crosswatch: --tls-keystore: required by --cluster-stack tcp-tls");
    }

    @Test
    void aKeystoreWithoutItsPasswordIsRefused() {
      assertThat(Loading.error("--rpc", RPC, "--tls-keystore", "/k.p12", "--tls-truststore", "/t.p12").line())
          .startsWith("crosswatch: --tls-keystore-password: required");
    }
  }

  @Test
  void everyClusterFlagIsInTheHelp() {
    assertThat(HelpText.render()).contains("--cluster-name", "--cluster-stack", "--cluster-members", "--bind-address",
        "--bind-port", "--initial-cluster-size", "--scan-redundancy", "--tls-keystore", "--tls-truststore",
        "CROSSWATCH_TLS_KEYSTORE_PASSWORD");
  }
}
