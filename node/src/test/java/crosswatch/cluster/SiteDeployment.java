package crosswatch.cluster;

import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Two sites, {@code a} and {@code b}, of {@code perSite} replica processes each over shared anvil chains: each site a
 * static cluster of its own, bridged to the other through a {@link BridgeProxy} in front of every replica's bridge
 * port (so the link between sites can be delayed and cut). Site {@code b} reaches the chain {@code lyingChain}
 * through a {@link HidingRpcProxy} (honest until told otherwise), every other chain directly over websockets.
 * Replicas are named {@code a-0}, {@code a-1}, {@code b-0}...
 */
final class SiteDeployment implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final List<String> SITES = List.of("a", "b");

  private final Devnet devnet;
  private final BridgeProxy bridge = new BridgeProxy();
  private final HidingRpcProxy lying;
  private final List<NodeProcess> nodes = new ArrayList<>();

  private SiteDeployment(Path root, int perSite, Devnet devnet, long lyingChain, List<String> extraArgs) {
    this.devnet = devnet;
    DevnetChain lied = devnet.chains().stream().filter(c -> c.chainId() == lyingChain).findFirst().orElseThrow();
    this.lying = new HidingRpcProxy(lied.rpcUrl());
    int count = SITES.size() * perSite;
    List<Integer> clusterPorts = IntStream.range(0, count).mapToObj(i -> TestNodes.freePort()).toList();
    List<Integer> bridgePorts = IntStream.range(0, count).mapToObj(i -> TestNodes.freePort()).toList();
    List<Integer> advertised = bridgePorts.stream().map(bridge::forward).toList();
    String bridgeMembers = advertised.stream().map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(","));
    for (int s = 0; s < SITES.size(); s++) {
      String site = SITES.get(s);
      List<Integer> ports = clusterPorts.subList(s * perSite, (s + 1) * perSite);
      var common = new ArrayList<String>();
      for (DevnetChain chain : devnet.chains()) {
        boolean lies = site.equals("b") && chain.chainId() == lyingChain;
        common.addAll(List.of("--rpc", chain.chainId() + "=" + (lies ? lying.url() : chain.wsUrl())));
      }
      common.addAll(List.of("--cluster-name", "test-" + site + "-" + ports.getFirst(),
          "--cluster-members", ports.stream().map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(",")),
          "--bind-address", "127.0.0.1", "--initial-cluster-size", Integer.toString(perSite),
          "--site", site, "--sites", String.join(",", SITES), "--site-bridge-members", bridgeMembers,
          "--site-bridge-address", "127.0.0.1"));
      common.addAll(extraArgs);
      for (int m = 0; m < perSite; m++) {
        int i = s * perSite + m;
        var args = new ArrayList<>(common);
        args.addAll(List.of("--bind-port", Integer.toString(ports.get(m)),
            "--site-bridge-port", Integer.toString(bridgePorts.get(i)),
            "--site-bridge-advertise", "127.0.0.1[" + advertised.get(i) + "]"));
        String name = site + "-" + m;
        nodes.add(new NodeProcess(name, root.resolve(name), TestNodes.freePort(), args));
      }
    }
  }

  /** Starts the chains, then every replica of both sites at the same moment; returns once each serves HTTP. */
  static SiteDeployment start(Path root, int perSite, long lyingChain, List<String> extraArgs, long... chainIds) {
    var devnet = Devnet.start(chainIds);
    SiteDeployment deployment = null;
    try {
      deployment = new SiteDeployment(root, perSite, devnet, lyingChain, extraArgs);
      deployment.nodes.forEach(NodeProcess::launch);
      deployment.nodes.forEach(NodeProcess::awaitHealthy);
      return deployment;
    } catch (RuntimeException e) {
      if (deployment != null) {
        deployment.close();
      } else {
        devnet.close();
      }
      throw e;
    }
  }

  Devnet devnet() {
    return devnet;
  }

  BridgeProxy bridge() {
    return bridge;
  }

  HidingRpcProxy lying() {
    return lying;
  }

  List<NodeProcess> all() {
    return nodes;
  }

  List<NodeProcess> site(String site) {
    return nodes.stream().filter(n -> n.name().startsWith(site + "-")).toList();
  }

  List<NodeProcess> running() {
    return nodes.stream().filter(NodeProcess::alive).toList();
  }

  /** Waits until every replica of both sites sees the other site online over the bridge. */
  void awaitBridged() {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> running().stream()
        .allMatch(n -> n.get("/api/v1/cluster").map(SiteDeployment::allOnline).orElse(false)));
  }

  private static boolean allOnline(JsonNode cluster) {
    for (JsonNode site : cluster.get("sites")) {
      if (!site.get("online").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Waits until every running replica serves every message, each with the verdict {@code verdicts} gives per site
   * (site name to status), the agreement given, and identical records on every replica; returns one replica's.
   */
  Map<String, JsonNode> awaitServed(List<MessageKey> keys, Map<String, String> verdicts, String agreement) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
          .until(() -> servedAlike(running(), keys, verdicts, agreement));
    } catch (ConditionTimeoutException e) {
      var served = new StringBuilder();
      for (NodeProcess node : running()) {
        served.append('\n').append(node.name()).append(": ").append(Replicas.messages(node, keys).values());
      }
      throw new AssertionError("not every replica serves every message with sites " + verdicts + " and "
          + agreement + ":" + served, e);
    }
    return Replicas.messages(running().getFirst(), keys);
  }

  static boolean servedAlike(List<NodeProcess> nodes, List<MessageKey> keys, Map<String, String> verdicts,
                             String agreement) {
    Map<String, JsonNode> first = null;
    for (NodeProcess node : nodes) {
      Map<String, JsonNode> seen = Replicas.messages(node, keys);
      if (seen.size() != keys.size() || !seen.values().stream().allMatch(m -> has(m, verdicts, agreement))) {
        return false;
      }
      if (first != null && !first.equals(seen)) {
        return false;
      }
      first = seen;
    }
    return true;
  }

  private static boolean has(JsonNode message, Map<String, String> verdicts, String agreement) {
    JsonNode sites = message.get("sites");
    if (sites.size() != verdicts.size() || !message.get("agreement").asString().equals(agreement)) {
      return false;
    }
    return verdicts.entrySet().stream().allMatch(v -> sites.has(v.getKey())
        && sites.get(v.getKey()).get("status").asString().equals(v.getValue()));
  }

  @Override
  public void close() {
    nodes.forEach(NodeProcess::kill);
    bridge.close();
    lying.close();
    devnet.close();
  }
}
