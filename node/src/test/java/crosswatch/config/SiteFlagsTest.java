package crosswatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.SiteOptions;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SiteFlagsTest {
  private static final String RPC = "901=http://127.0.0.1:8545";
  private static final String BRIDGE = "a.example[7900],b.example[7900]";

  @Test
  void withoutSiteFlagsTheClusterIsOneSiteNamedAfterIt() {
    SiteOptions site = Loading.config("--rpc", RPC, "--cluster-name", "prod").cluster().site();

    assertThat(site).isEqualTo(SiteOptions.single("prod"));
    assertThat(site.relays()).isFalse();
  }

  @Test
  void aSiteWithOthersReadsItsBridge() {
    SiteOptions site = Loading.config("--rpc", RPC, "--site", "region-a", "--sites", "region-a, region-b",
        "--site-bridge-members", BRIDGE, "--site-bridge-address", "10.0.0.1", "--site-bridge-port", "7901",
        "--site-bridge-advertise", "lb.region-a.example[443]", "--site-relay-nodes", "2").cluster().site();

    assertThat(site.site()).isEqualTo("region-a");
    assertThat(site.sites()).containsExactly("region-a", "region-b");
    assertThat(site.others()).containsExactly("region-b");
    assertThat(site.bridgeMembers()).containsExactly(new ClusterMember("a.example", 7900),
        new ClusterMember("b.example", 7900));
    assertThat(site.bridgeAddress()).contains("10.0.0.1");
    assertThat(site.bridgePort()).isEqualTo(7901);
    assertThat(site.bridgeAdvertise()).contains(new ClusterMember("lb.region-a.example", 443));
    assertThat(site.bridgeStack()).isEqualTo("tcp");
    assertThat(site.relayNodes()).isEqualTo(2);
  }

  @Test
  void envCarriesTheSitesCommaSeparated() {
    SiteOptions site = Loading.config(Map.of("CROSSWATCH_SITE", "b", "CROSSWATCH_SITES", "a,b",
        "CROSSWATCH_SITE_BRIDGE_MEMBERS", BRIDGE), "--rpc", RPC).cluster().site();

    assertThat(site.others()).containsExactly("a");
    assertThat(site.bridgePort()).isEqualTo(SiteOptions.DEFAULT_BRIDGE_PORT);
  }

  @Test
  void aKubernetesBridgeFindsTheRelayNodesThroughDnsAndNeedsNoMembers() {
    SiteOptions site = Loading.config("--rpc", RPC, "--site", "a", "--sites", "a,b", "--site-bridge-stack",
        "kubernetes", "--tls-keystore", "/k.p12", "--tls-keystore-password", "x", "--tls-truststore", "/t.p12",
        "--tls-truststore-password", "y").cluster().site();

    assertThat(site.bridgeStack()).isEqualTo("kubernetes");
    assertThat(site.bridgeMembers()).isEmpty();
  }

  @Nested
  class Refused {
    @Test
    void sitesThatLeaveThisOneOut() {
      assertThat(Loading.error("--rpc", RPC, "--site", "c", "--sites", "a,b", "--site-bridge-members", BRIDGE)
          .line()).isEqualTo("crosswatch: --sites: must list this replica's site c, got [a, b]");
    }

    @Test
    void otherSitesWithoutBridgeMembers() {
      assertThat(Loading.error("--rpc", RPC, "--site", "a", "--sites", "a,b").line())
          .isEqualTo("crosswatch: --site-bridge-members: required by --sites a,b");
    }

    @Test
    void aSiteNameThatCannotNameACache() {
      assertThat(Loading.error("--rpc", RPC, "--site", "région/a").line())
          .startsWith("crosswatch: --site: expected a site name of [A-Za-z0-9._-]");
    }

    @Test
    void aSiteListedTwice() {
      assertThat(Loading.error("--rpc", RPC, "--sites", "a,b,a").line())
          .startsWith("crosswatch: --sites: site a is listed twice");
    }

    @Test
    void aTlsBridgeWithoutKeys() {
      assertThat(Loading.error("--rpc", RPC, "--site-bridge-stack", "tcp-tls").line())
          .isEqualTo("crosswatch: --tls-keystore: required by --site-bridge-stack tcp-tls");
    }

    @Test
    void aKubernetesBridgeWithoutKeys() {
      assertThat(Loading.error("--rpc", RPC, "--site-bridge-stack", "kubernetes").line())
          .isEqualTo("crosswatch: --tls-keystore: required by --site-bridge-stack kubernetes");
    }

    @Test
    void anUnknownBridgeStack() {
      assertThat(Loading.error("--rpc", RPC, "--site-bridge-stack", "udp").line())
          .startsWith("crosswatch: --site-bridge-stack: expected tcp, tcp-tls, kubernetes or an existing JGroups .xml file");
    }

    @Test
    void aBadAdvertisedEndpoint() {
      assertThat(Loading.error("--rpc", RPC, "--site-bridge-advertise", "lb.example:443").line())
          .startsWith("crosswatch: --site-bridge-advertise: expected host[port]");
    }
  }
}
