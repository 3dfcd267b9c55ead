package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.relay.RELAY2;

class JGroupsStackTest {
  private static final ClusterOptions THREE = ClusterOptions.singleMember(Path.of("/data"), "node-a")
      .withBind("10.0.0.1", 7800)
      .withMembers(ClusterMember.parseList("10.0.0.1[7800],10.0.0.2[7800],10.0.0.3[7800]"), 3);

  @Nested
  class Substitution {
    @Test
    void replacesTheFirstKnownNameAndEscapesXml() {
      String xml = JGroupsStack.substitute("<X a=\"${unknown,known:dflt}\"/>", Map.of("known", "a&b\"c"));

      assertThat(xml).isEqualTo("<X a=\"a&amp;b&quot;c\"/>");
    }

    @Test
    void leavesUnknownNamesForJGroups() {
      String xml = JGroupsStack.substitute("<X a=\"${jgroups.dns.query}\" b=\"${x:1}\"/>", Map.of());

      assertThat(xml).isEqualTo("<X a=\"${jgroups.dns.query}\" b=\"${x:1}\"/>");
    }
  }

  @Nested
  class BundledStacks {
    @Test
    void tcpCarriesTheMembersAndBindAndTheFastFailureDetection() {
      String xml = JGroupsStack.xml(THREE);

      assertThat(xml)
          .contains("bind_addr=\"10.0.0.1\"", "bind_port=\"7800\"", "tcp_nodelay=\"true\"")
          .contains("initial_hosts=\"10.0.0.1[7800],10.0.0.2[7800],10.0.0.3[7800]\"")
          .contains("<FD_ALL3 timeout=\"6s\"", "interval=\"1s\"", "<VERIFY_SUSPECT2 timeout=\"1s\"/>")
          .contains("<MERGE3 min_interval=\"2s\"", "max_interval=\"5s\"")
          .contains("join_timeout=\"${jgroups.join_timeout:2s}\"");
    }

    @Test
    void aSingleMemberSkipsWaitingForDiscovery() {
      String xml = JGroupsStack.xml(ClusterOptions.singleMember(Path.of("/data"), "node-a"));

      assertThat(xml).contains("join_timeout=\"100ms\"", "bind_addr=\"${jgroups.bind.address:127.0.0.1}\"");
    }

    @Test
    void kubernetesDiscoversThroughDns() {
      String xml = JGroupsStack.xml(THREE.withStack("kubernetes"));

      assertThat(xml).contains("<dns.DNS_PING", "dns_query=\"${jgroups.dns.query}\"").doesNotContain("TCPPING");
    }

    @Test
    void tlsTakesKeyMaterialFromTheOptions() {
      var tls = new TlsOptions(Path.of("/keys/node.p12"), "s3cret", Path.of("/keys/ca.p12"), "hunter2");

      String xml = JGroupsStack.xml(THREE.withStack("tcp-tls").withTls(tls));

      assertThat(xml).contains("tls.enabled=\"true\"", "tls.client_auth=\"NEED\"",
          "tls.keystore_path=\"/keys/node.p12\"", "tls.keystore_password=\"s3cret\"",
          "tls.truststore_path=\"/keys/ca.p12\"");
      assertThat(tls.toString()).doesNotContain("s3cret", "hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "kubernetes"})
    void buildsAJGroupsChannel(String stack) throws Exception {
      String xml = JGroupsStack.substitute(JGroupsStack.xml(THREE.withStack(stack).withBind("127.0.0.1", 7800)),
          Map.of("jgroups.dns.query", "crosswatch-ping.test.svc.cluster.local"));

      try (var channel = new JChannel(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))) {
        FD_ALL3 failureDetection = channel.getProtocolStack().findProtocol(FD_ALL3.class);
        assertThat(failureDetection.getTimeout()).isEqualTo(6_000);
        assertThat(((TCP) channel.getProtocolStack().getTransport()).tcpNodelay()).isTrue();
      }
    }

    @Test
    void anyOtherStackIsAFile(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("mine.xml");
      Files.writeString(file, "<config><TCP bind_port=\"${jgroups.bind.port:1}\"/></config>");

      assertThat(JGroupsStack.xml(THREE.withStack(file.toString()))).contains("bind_port=\"7800\"");
    }
  }

  @Nested
  class Bridge {
    private final SiteOptions twoSites = new SiteOptions("a", List.of("a", "b"),
        ClusterMember.parseList("10.0.0.1[7900],10.1.0.1[7900]"), Optional.empty(), 7901,
        Optional.of(new ClusterMember("lb.a.example", 443)), "tcp", 2);

    @Test
    void theBridgeStackCarriesTheBridgeMembersAndPortOnTheNodesAddress() {
      String xml = JGroupsStack.bridgeXml(THREE.withSite(twoSites));

      assertThat(xml).contains("bind_addr=\"10.0.0.1\"", "bind_port=\"7901\"", "tcp_nodelay=\"true\"",
              "initial_hosts=\"10.0.0.1[7900],10.1.0.1[7900]\"", "<FD_ALL3 timeout=\"10s\"")
          .doesNotContain("<FD_SOCK2", "tls.enabled");
    }

    @Test
    void theTlsBridgeTakesTheNodesKeyMaterial() {
      var tls = new TlsOptions(Path.of("/keys/node.p12"), "s3cret", Path.of("/keys/ca.p12"), "hunter2");
      var site = new SiteOptions("a", List.of("a", "b"), twoSites.bridgeMembers(), Optional.of("10.9.9.9"), 7900,
          Optional.empty(), "tcp-tls", 1);

      String xml = JGroupsStack.bridgeXml(THREE.withTls(tls).withSite(site));

      assertThat(xml).contains("bind_addr=\"10.9.9.9\"", "tls.enabled=\"true\"", "tls.client_auth=\"NEED\"",
          "tls.keystore_path=\"/keys/node.p12\"", "tls.truststore_path=\"/keys/ca.p12\"");
    }

    @Test
    void theKubernetesBridgeFindsRelayNodesThroughEverySitesServiceOverTls() {
      var tls = new TlsOptions(Path.of("/keys/node.p12"), "s3cret", Path.of("/keys/ca.p12"), "hunter2");
      var site = new SiteOptions("a", List.of("a", "b"), List.of(), Optional.empty(), 7900, Optional.empty(),
          "kubernetes", 1);

      String xml = JGroupsStack.bridgeXml(THREE.withTls(tls).withSite(site));

      assertThat(xml).contains("<dns.DNS_PING dns_query=\"${jgroups.bridge.dns.query}\"", "tls.enabled=\"true\"",
          "tls.client_auth=\"NEED\"", "bind_addr=\"10.0.0.1\"", "bind_port=\"7900\"").doesNotContain("TCPPING");
    }

    @Test
    void relayTopsTheLocalStackOnlyWhenThereAreOtherSites() throws Exception {
      var channels = SiteChannels.of(THREE.withBind("127.0.0.1", 7800).withSite(twoSites));
      ProtocolConfiguration top = channels.getProtocolStack().getLast();

      assertThat(top.getProtocolName()).isEqualTo(RELAY2.class.getName());
      assertThat(top.getProperties()).containsEntry("site", "a").containsEntry("max_site_masters", "2");
      assertThat(SiteChannels.of(THREE).getProtocolStack())
          .noneMatch(p -> p.getProtocolName().contains("RELAY"));
    }

    @Test
    void relayKnowsEverySiteAndItsBridge() throws Exception {
      var channels = SiteChannels.of(THREE.withBind("127.0.0.1", TestNodes.freePort()).withSite(twoSites));

      try (JChannel channel = channels.createChannel("test")) {
        RELAY2 relay = channel.getProtocolStack().findProtocol(RELAY2.class);
        assertThat(relay.site()).isEqualTo("a");
        assertThat(relay.getSites()).containsExactlyInAnyOrder("a", "b");
        assertThat(relay.getMaxSiteMasters()).isEqualTo(2);
      }
    }
  }

  @Nested
  class Members {
    @Test
    void parsesHostAndPort() {
      assertThat(ClusterMember.parseList(" a[1], b.example[7800]"))
          .containsExactly(new ClusterMember("a", 1), new ClusterMember("b.example", 7800));
    }

    @Test
    void rejectsAnythingElse() {
      for (String bad : List.of("a", "a[]", "a[70000]", "[7800]", "a[1]b")) {
        assertThatThrownBy(() -> ClusterMember.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }
}
