package crosswatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.config.Flags;
import crosswatch.testkit.RequiredTool;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The k8s overlays as {@code kubectl kustomize} renders them: what a JGroups-clustered StatefulSet needs. */
class KustomizeTest {
  private static final List<String> REGIONS = List.of("region-a", "region-b");
  /** The cluster flags as issue 4 names them: the node's flag table may not list them yet. */
  private static final Set<String> CLUSTER_FLAGS = Set.of("cluster-name", "cluster-stack", "cluster-members",
      "bind-address", "bind-port", "initial-cluster-size");
  /** A --rpc value: {@code <chainId>=<scheme>://...}. */
  private static final Pattern RPC_VALUE = Pattern.compile("\\d+\\s*=\\s*(https?|wss?)://");
  private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");

  private static final Map<String, List<JsonNode>> rendered = new LinkedHashMap<>();

  /** Runs a test once per overlay (the names in {@link #REGIONS}). */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest
  @ValueSource(strings = {"region-a", "region-b"})
  @interface EachRegion {}

  @BeforeAll
  static void render() {
    RequiredTool.require(Kustomize.available(), "kubectl (Debian package kubernetes-client)");
    REGIONS.forEach(region -> rendered.put(region, Kustomize.render(region)));
  }

  @Nested
  class StatefulSetShape {
    @EachRegion
    void runsThreeReplicasStartedInParallelBehindTheHeadlessService(String region) {
      JsonNode spec = manifest(region, "StatefulSet", "crosswatch").path("spec");
      assertThat(spec.path("replicas").asInt()).isEqualTo(3);
      assertThat(spec.path("podManagementPolicy").asString()).isEqualTo("Parallel");
      assertThat(spec.path("serviceName").asString()).isEqualTo("crosswatch-ping");
    }

    @EachRegion
    void declaresTheHttpJGroupsAndFailureDetectionPorts(String region) {
      assertThat(each(container(region).path("ports")).map(p -> p.path("containerPort").asInt()))
          .containsExactlyInAnyOrder(7300, 7800, 57800, 7900);
    }

    @EachRegion
    void probesLivenessOnHealthzAndReadinessOnReadyzOfTheHttpPortOverHttps(String region) {
      JsonNode container = container(region);
      assertThat(probe(container, "startupProbe")).isEqualTo("HTTPS /healthz:http");
      assertThat(probe(container, "livenessProbe")).isEqualTo("HTTPS /healthz:http");
      assertThat(probe(container, "readinessProbe")).isEqualTo("HTTPS /readyz:http");
      assertThat(each(container.path("ports")).filter(p -> p.path("name").asString().equals("http"))
          .map(p -> p.path("containerPort").asInt())).containsExactly(7300);
    }

    @EachRegion
    void leavesTheClusterWithinAGenerousGracePeriod(String region) {
      assertThat(podSpec(region).path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(30);
    }

    @EachRegion
    void sizesTheHeapFromTheMemoryLimit(String region) {
      String javaOptions = env(region).get("JAVA_TOOL_OPTIONS").path("value").asString();
      assertThat(javaOptions).contains("-XX:MaxRAMPercentage=").doesNotContain("-Xmx");
      assertThat(container(region).path("resources").path("limits").path("memory").asString()).isNotEmpty();
    }

    @EachRegion
    void keepsEachReplicasDataDirOnItsOwnVolumeClaim(String region) {
      String dataDir = env(region).get("CROSSWATCH_DATA_DIR").path("value").asString();
      List<String> claims = each(manifest(region, "StatefulSet", "crosswatch").path("spec")
          .path("volumeClaimTemplates")).map(c -> c.path("metadata").path("name").asString()).toList();
      assertThat(each(container(region).path("volumeMounts"))
          .filter(m -> m.path("mountPath").asString().equals(dataDir))
          .map(m -> m.path("name").asString())).singleElement().isIn(claims);
    }

    @EachRegion
    void spreadsReplicasOverZonesAndHosts(String region) {
      assertThat(each(podSpec(region).path("topologySpreadConstraints")).map(c -> c.path("topologyKey").asString()))
          .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
    }

    @EachRegion
    void runsTheImageTheBuildMakesAsItsUser(String region) {
      // The image module builds crosswatch:<project version> (image/target/crosswatch-image.tar), user 10001.
      assertThat(container(region).path("image").asString())
          .isEqualTo("crosswatch:" + System.getProperty("crosswatch.project.version"));
      assertThat(podSpec(region).path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
    }

    @EachRegion
    void injectsNoServiceLinksThatWouldReadAsFlags(String region) {
      assertThat(podSpec(region).path("enableServiceLinks").isBoolean()).isTrue();
      assertThat(podSpec(region).path("enableServiceLinks").asBoolean()).isFalse();
    }
  }

  @Nested
  class Environment {
    @EachRegion
    void everyCrosswatchVariableIsAFlagOfTheNode(String region) {
      List<String> flags = env(region).keySet().stream().filter(n -> n.startsWith("CROSSWATCH_"))
          .map(n -> n.substring("CROSSWATCH_".length()).toLowerCase(Locale.ROOT).replace('_', '-')).toList();
      assertThat(flags).isNotEmpty()
          .allSatisfy(flag -> assertThat(Flags.named(flag).isPresent() || CLUSTER_FLAGS.contains(flag))
              .as("--%s is a flag of the node", flag).isTrue());
    }

    @EachRegion
    void joinsTheKubernetesStackAsThePodOnItsOwnAddress(String region) {
      Map<String, JsonNode> env = env(region);
      assertThat(env.get("CROSSWATCH_CLUSTER_STACK").path("value").asString()).isEqualTo("kubernetes");
      assertThat(env.get("CROSSWATCH_HTTP_HOST").path("value").asString()).isEqualTo("0.0.0.0");
      assertThat(resolvedField(env, "CROSSWATCH_NODE_NAME")).isEqualTo("metadata.name");
      assertThat(resolvedField(env, "CROSSWATCH_BIND_ADDRESS")).isEqualTo("status.podIP");
      assertThat(env.get("JAVA_TOOL_OPTIONS").path("value").asString())
          .contains("-Djgroups.dns.query=crosswatch-ping.$(POD_NAMESPACE).svc.cluster.local");
    }

    @EachRegion
    void referencesOnlyVariablesDefinedBeforeThem(String region) {
      List<String> defined = new ArrayList<>();
      for (JsonNode variable : each(container(region).path("env")).toList()) {
        Matcher m = VARIABLE_REFERENCE.matcher(variable.path("value").asString(""));
        while (m.find()) {
          assertThat(defined).as("%s refers to $(%s)", variable.path("name").asString(), m.group(1))
              .contains(m.group(1));
        }
        defined.add(variable.path("name").asString());
      }
    }

    @EachRegion
    void takesRpcUrlsFromASecretAndNeverFromAConfigMap(String region) {
      JsonNode rpc = env(region).get("CROSSWATCH_RPC");
      assertThat(rpc.has("value")).isFalse();
      assertThat(rpc.path("valueFrom").path("secretKeyRef").path("name").asString()).isNotEmpty();
      List<JsonNode> configMaps = rendered.get(region).stream()
          .filter(m -> m.path("kind").asString().equals("ConfigMap")).toList();
      assertThat(configMaps).isNotEmpty().allSatisfy(cm -> assertThat(cm.path("data").properties())
          .allSatisfy(entry -> assertThat(RPC_VALUE.matcher(entry.getValue().asString()).find())
              .as("ConfigMap %s key %s holds an RPC URL", cm.path("metadata").path("name").asString(),
                  entry.getKey()).isFalse()));
    }
  }

  @Nested
  class Services {
    @EachRegion
    void discoveryServiceIsHeadlessAndListsReplicasBeforeTheyAreReady(String region) {
      JsonNode spec = manifest(region, "Service", "crosswatch-ping").path("spec");
      assertThat(spec.path("clusterIP").asString()).isEqualTo("None");
      assertThat(spec.path("publishNotReadyAddresses").asBoolean()).isTrue();
      assertThat(each(spec.path("ports")).map(p -> p.path("port").asInt())).containsExactlyInAnyOrder(7800, 57800);
      assertThat(spec.path("selector")).isEqualTo(podLabelsSelectedBy(spec.path("selector"), region));
    }

    @EachRegion
    void clientServiceServesHttpFromReadyReplicasOnly(String region) {
      JsonNode spec = manifest(region, "Service", "crosswatch-http").path("spec");
      assertThat(each(spec.path("ports")).map(p -> p.path("port").asInt())).containsExactly(7300);
      assertThat(spec.path("publishNotReadyAddresses").asBoolean(false)).isFalse();
    }

    @EachRegion
    void networkPolicyOpensJGroupsBetweenReplicasAndHttpToTheNamespace(String region) {
      JsonNode spec = manifest(region, "NetworkPolicy", "crosswatch").path("spec");
      assertThat(each(spec.path("ingress")).flatMap(rule -> each(rule.path("ports")))
          .map(p -> p.path("port").asInt())).containsExactlyInAnyOrder(7800, 57800, 7300);
    }

    @EachRegion
    void disruptionsTakeAtMostOneReplica(String region) {
      assertThat(manifest(region, "PodDisruptionBudget", "crosswatch").path("spec").path("maxUnavailable").asInt())
          .isEqualTo(1);
    }
  }

  @Nested
  class Https {
    @EachRegion
    void servesHttpsFromASecretsKeyMaterialWithPasswordsFromASecret(String region) {
      Map<String, JsonNode> env = env(region);
      String secretMount = secretMountOf(region, "crosswatch-http-tls");
      assertThat(env.get("CROSSWATCH_HTTP_TLS_KEYSTORE").path("value").asString()).startsWith(secretMount + "/");
      assertThat(env.get("CROSSWATCH_HTTP_TLS_TRUSTSTORE").path("value").asString()).startsWith(secretMount + "/");
      for (String password : List.of("CROSSWATCH_HTTP_TLS_KEYSTORE_PASSWORD", "CROSSWATCH_HTTP_TLS_TRUSTSTORE_PASSWORD")) {
        assertThat(env.get(password).has("value")).as(password).isFalse();
        assertThat(env.get(password).path("valueFrom").path("secretKeyRef").path("name").asString()).as(password)
            .isNotEmpty();
      }
    }

    @EachRegion
    void asksForClientCertificatesButLetsTheProbesThrough(String region) {
      // required would fail every probe: the kubelet cannot show a certificate.
      assertThat(env(region).get("CROSSWATCH_HTTP_TLS_CLIENT_AUTH").path("value").asString()).isEqualTo("optional");
    }

    @EachRegion
    void theServiceMonitorScrapesTheHttpServiceOverHttpsWithAClientCertificateFromSecrets(String region) {
      JsonNode monitor = manifest(region, "ServiceMonitor", "crosswatch").path("spec");
      JsonNode service = manifest(region, "Service", "crosswatch-http").path("metadata").path("labels");
      JsonNode ping = manifest(region, "Service", "crosswatch-ping").path("metadata").path("labels");
      assertThat(monitor.path("selector").path("matchLabels").properties()).isNotEmpty()
          .allSatisfy(l -> assertThat(service.path(l.getKey()).asString()).isEqualTo(l.getValue().asString()))
          .anySatisfy(l -> assertThat(ping.path(l.getKey()).asString()).isNotEqualTo(l.getValue().asString()));
      assertThat(service.path(monitor.path("jobLabel").asString()).asString()).as("the job the rules select")
          .isEqualTo("crosswatch");

      JsonNode endpoint = monitor.path("endpoints").get(0);
      assertThat(monitor.path("endpoints").size()).isEqualTo(1);
      assertThat(each(manifest(region, "Service", "crosswatch-http").path("spec").path("ports"))
          .map(p -> p.path("name").asString())).contains(endpoint.path("port").asString());
      assertThat(endpoint.path("scheme").asString()).isEqualTo("https");
      assertThat(endpoint.path("path").asString()).isEqualTo("/metrics");
      JsonNode tls = endpoint.path("tlsConfig");
      assertThat(tls.path("serverName").asString()).isEqualTo("crosswatch-http");
      assertThat(tls.path("ca").path("secret").path("name").asString()).isEqualTo("crosswatch-http-tls");
      assertThat(tls.path("cert").path("secret").path("name").asString()).isNotEmpty()
          .isEqualTo(tls.path("keySecret").path("name").asString());
      assertThat(tls.has("insecureSkipVerify")).isFalse();
    }

    @EachRegion
    void theNetworkPolicyLetsPrometheusNamespaceReachTheHttpPort(String region) {
      JsonNode http = each(manifest(region, "NetworkPolicy", "crosswatch").path("spec").path("ingress"))
          .filter(rule -> each(rule.path("ports")).anyMatch(p -> p.path("port").asInt() == 7300)).findFirst()
          .orElseThrow();
      assertThat(each(http.path("from")).map(peer -> peer.path("namespaceSelector").path("matchLabels")
          .path("kubernetes.io/metadata.name").asString())).contains("monitoring");
    }
  }

  @Tag("integration")
  @Nested
  class Regions {
    @Test
    void differInRpcSecretClusterNameSiteAndNamespace() {
      assertThat(REGIONS.stream().map(r -> env(r).get("CROSSWATCH_RPC").path("valueFrom").path("secretKeyRef")
          .path("name").asString()).distinct()).hasSize(2);
      assertThat(REGIONS.stream().map(r -> env(r).get("CROSSWATCH_CLUSTER_NAME").path("value").asString())
          .distinct()).hasSize(2);
      assertThat(REGIONS.stream().map(r -> manifest(r, "StatefulSet", "crosswatch").path("metadata")
          .path("labels").path("crosswatch.io/site").asString()).distinct()).containsExactly("region-a", "region-b");
      assertThat(REGIONS.stream().map(r -> manifest(r, "StatefulSet", "crosswatch").path("metadata")
          .path("namespace").asString()).distinct()).hasSize(2);
    }

    @EachRegion
    void shipTheAlertRulesAndTheDashboard(String region) {
      assertThat(manifest(region, "PrometheusRule", "crosswatch").path("spec").path("groups").size()).isPositive();
      assertThat(manifest(region, "ConfigMap", "crosswatch-grafana-dashboard").path("metadata").path("labels")
          .path("grafana_dashboard").asString()).isEqualTo("1");
    }
  }

  /** The two regions as two sites of one deployment, bridged over TLS (see docs/regions.md). */
  @Nested
  class Sites {
    @EachRegion
    void eachRegionIsASiteAndEveryRegionListsTheSameSites(String region) {
      Map<String, JsonNode> env = env(region);
      assertThat(env.get("CROSSWATCH_SITE").path("value").asString()).isEqualTo(region);
      assertThat(env.get("CROSSWATCH_SITES").path("value").asString().split(","))
          .containsExactlyInAnyOrderElementsOf(REGIONS);
      assertThat(env.get("CROSSWATCH_SITE_BRIDGE_STACK").path("value").asString()).isEqualTo("kubernetes");
      assertThat(resolvedField(env, "CROSSWATCH_SITE_BRIDGE_ADDRESS")).isEqualTo("status.podIP");
      assertThat(env.get("CROSSWATCH_SITE_BRIDGE_PORT").path("value").asString()).isEqualTo("7900");
      assertThat(Integer.parseInt(env.get("CROSSWATCH_SITE_RELAY_NODES").path("value").asString()))
          .isBetween(1, 3);
    }

    @EachRegion
    void theBridgeFindsEverySitesBridgeServiceThroughMultiClusterDns(String region) {
      String javaOptions = env(region).get("JAVA_TOOL_OPTIONS").path("value").asString();
      Matcher query = Pattern.compile("-Djgroups\\.bridge\\.dns\\.query=(\\S+)").matcher(javaOptions);
      assertThat(query.find()).as("the bridge's DNS query in %s", javaOptions).isTrue();
      List<String> expected = REGIONS.stream().map(r -> "crosswatch-bridge."
          + manifest(r, "Service", "crosswatch-bridge").path("metadata").path("namespace").asString()
          + ".svc.clusterset.local").toList();
      assertThat(query.group(1).split(",")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @EachRegion
    void theBridgeServiceIsHeadlessAndListsReplicasBeforeTheyAreReady(String region) {
      JsonNode spec = manifest(region, "Service", "crosswatch-bridge").path("spec");
      assertThat(spec.path("clusterIP").asString()).isEqualTo("None");
      assertThat(spec.path("publishNotReadyAddresses").asBoolean()).isTrue();
      assertThat(each(spec.path("ports")).map(p -> p.path("port").asInt())).containsExactly(7900);
      assertThat(spec.path("selector")).isEqualTo(podLabelsSelectedBy(spec.path("selector"), region));
    }

    @EachRegion
    void theBridgePolicyOpensOnlyTheBridgePortToThisSitesPodsAndTheOtherRegionsNetwork(String region) {
      JsonNode spec = manifest(region, "NetworkPolicy", "crosswatch-bridge").path("spec");
      assertThat(each(spec.path("ingress")).flatMap(rule -> each(rule.path("ports")))
          .map(p -> p.path("port").asInt())).containsExactly(7900);
      List<JsonNode> from = each(spec.path("ingress")).flatMap(rule -> each(rule.path("from"))).toList();
      assertThat(from).anyMatch(f -> f.path("podSelector").path("matchLabels").path("app.kubernetes.io/name")
          .asString().equals("crosswatch"));
      assertThat(from).anyMatch(f -> !f.path("ipBlock").path("cidr").asString().isEmpty());
    }

    @EachRegion
    void theBridgesKeyMaterialAndItsPasswordsComeFromTheRegionsSecret(String region) {
      Map<String, JsonNode> env = env(region);
      JsonNode volume = each(podSpec(region).path("volumes"))
          .filter(v -> v.path("name").asString().equals("bridge-tls")).findFirst().orElseThrow();
      String secret = volume.path("secret").path("secretName").asString();
      assertThat(secret).endsWith(region);
      String mount = each(container(region).path("volumeMounts"))
          .filter(m -> m.path("name").asString().equals("bridge-tls")).findFirst().orElseThrow()
          .path("mountPath").asString();
      assertThat(env.get("CROSSWATCH_TLS_KEYSTORE").path("value").asString()).startsWith(mount + "/");
      assertThat(env.get("CROSSWATCH_TLS_TRUSTSTORE").path("value").asString()).startsWith(mount + "/");
      for (String password : List.of("CROSSWATCH_TLS_KEYSTORE_PASSWORD", "CROSSWATCH_TLS_TRUSTSTORE_PASSWORD")) {
        assertThat(env.get(password).has("value")).as(password).isFalse();
        assertThat(env.get(password).path("valueFrom").path("secretKeyRef").path("name").asString())
            .as(password).isEqualTo(secret);
      }
    }
  }

  private static JsonNode manifest(String region, String kind, String name) {
    List<JsonNode> found = rendered.get(region).stream()
        .filter(m -> m.path("kind").asString().equals(kind))
        .filter(m -> m.path("metadata").path("name").asString().equals(name))
        .toList();
    assertThat(found).as("%s %s in %s", kind, name, region).hasSize(1);
    return found.getFirst();
  }

  private static JsonNode podSpec(String region) {
    return manifest(region, "StatefulSet", "crosswatch").path("spec").path("template").path("spec");
  }

  private static JsonNode container(String region) {
    JsonNode containers = podSpec(region).path("containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  private static Map<String, JsonNode> env(String region) {
    var env = new LinkedHashMap<String, JsonNode>();
    each(container(region).path("env")).forEach(v -> env.put(v.path("name").asString(), v));
    return env;
  }

  /** The pod field a variable takes, directly or through one {@code $(OTHER)} reference. */
  private static String resolvedField(Map<String, JsonNode> env, String name) {
    JsonNode variable = env.get(name);
    Matcher m = VARIABLE_REFERENCE.matcher(variable.path("value").asString(""));
    JsonNode source = m.matches() ? env.get(m.group(1)) : variable;
    return source.path("valueFrom").path("fieldRef").path("fieldPath").asString();
  }

  private static String probe(JsonNode container, String kind) {
    JsonNode get = container.path(kind).path("httpGet");
    return get.path("scheme").asString("HTTP") + " " + get.path("path").asString() + ":" + get.path("port").asString();
  }

  /** Where the container mounts the volume that holds {@code secret}. */
  private static String secretMountOf(String region, String secret) {
    String volume = each(podSpec(region).path("volumes"))
        .filter(v -> v.path("secret").path("secretName").asString().equals(secret))
        .map(v -> v.path("name").asString()).findFirst().orElseThrow(() -> new AssertionError("no volume of " + secret));
    return each(container(region).path("volumeMounts")).filter(m -> m.path("name").asString().equals(volume))
        .map(m -> m.path("mountPath").asString()).findFirst().orElseThrow();
  }

  /** The selector's labels, asserting that the pod template carries them all. */
  private static JsonNode podLabelsSelectedBy(JsonNode selector, String region) {
    JsonNode labels = manifest(region, "StatefulSet", "crosswatch").path("spec").path("template").path("metadata")
        .path("labels");
    selector.properties().forEach(e -> assertThat(labels.path(e.getKey()).asString())
        .as("pod label %s", e.getKey()).isEqualTo(e.getValue().asString()));
    return selector;
  }

  private static Stream<JsonNode> each(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }
}
