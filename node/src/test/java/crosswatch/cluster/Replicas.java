package crosswatch.cluster;

import static org.awaitility.Awaitility.await;

import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.store.MessageKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Replicas of one static cluster as separate processes over their own devnet chains (websocket RPCs), each with
 * its own data directory under {@code root}, free ports and {@code --initial-cluster-size} set to their number.
 */
final class Replicas implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private final List<NodeProcess> nodes;
  private final Devnet devnet;

  /** Starts anvil chains with the given ids, then the replicas on them, all at the same moment. */
  static Replicas startedOnDevnet(Path root, int count, long... chainIds) {
    return startedOnDevnet(root, count, i -> List.of(), chainIds);
  }

  /** As {@link #startedOnDevnet(Path, int, long...)}, replica {@code i} with the flags {@code extraArgs(i)} too. */
  static Replicas startedOnDevnet(Path root, int count, IntFunction<List<String>> extraArgs, long... chainIds) {
    var devnet = Devnet.start(chainIds);
    try {
      return new Replicas(root, count, devnet, extraArgs).startTogether();
    } catch (RuntimeException e) {
      devnet.close();
      throw e;
    }
  }

  private Replicas(Path root, int count, Devnet devnet, IntFunction<List<String>> extraArgs) {
    this.devnet = devnet;
    List<DevnetChain> chains = devnet.chains();
    List<Integer> ports = IntStream.range(0, count).mapToObj(i -> TestNodes.freePort()).toList();
    String members = ports.stream().map(p -> "127.0.0.1[" + p + "]").collect(Collectors.joining(","));
    var common = new ArrayList<String>();
    chains.forEach(c -> common.addAll(List.of("--rpc", c.chainId() + "=" + c.wsUrl())));
    common.addAll(List.of("--cluster-name", "test-" + ports.getFirst(), "--cluster-members", members,
        "--bind-address", "127.0.0.1", "--initial-cluster-size", Integer.toString(count)));
    nodes = IntStream.range(0, count).mapToObj(i -> {
      var args = new ArrayList<>(common);
      args.addAll(List.of("--bind-port", Integer.toString(ports.get(i))));
      args.addAll(extraArgs.apply(i));
      String name = "replica-" + (char) ('a' + i);
      return new NodeProcess(name, root.resolve(name), TestNodes.freePort(), args);
    }).toList();
  }

  Devnet devnet() {
    return devnet;
  }

  List<NodeProcess> all() {
    return nodes;
  }

  NodeProcess get(int index) {
    return nodes.get(index);
  }

  NodeProcess named(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  /** Launches every replica at the same moment, then waits until each serves HTTP. */
  Replicas startTogether() {
    nodes.forEach(NodeProcess::launch);
    nodes.forEach(NodeProcess::awaitHealthy);
    return this;
  }

  List<NodeProcess> running() {
    return nodes.stream().filter(NodeProcess::alive).toList();
  }

  static Optional<JsonNode> cluster(NodeProcess node) {
    return node.get("/api/v1/cluster");
  }

  /** Waits until every running replica sees exactly the running ones as members; returns the first's view. */
  JsonNode awaitView() {
    List<String> expected = running().stream().map(NodeProcess::name).sorted().toList();
    await().atMost(PATIENCE).until(() -> running().stream().allMatch(n -> cluster(n)
        .map(c -> members(c).equals(expected)).orElse(false)));
    return cluster(running().getFirst()).orElseThrow();
  }

  static List<String> members(JsonNode cluster) {
    var names = new ArrayList<String>();
    cluster.get("members").forEach(m -> names.add(m.asString()));
    return names.stream().sorted().toList();
  }

  /** The first owner of a chain as {@code asked} sees it. */
  static String owner(JsonNode cluster, long chainId) {
    return cluster.get("owners").get(Long.toString(chainId)).get(0).asString();
  }

  /** The messages as one replica serves them, by id; absent ones are left out. */
  static Map<String, JsonNode> messages(NodeProcess node, List<MessageKey> keys) {
    var found = new LinkedHashMap<String, JsonNode>();
    for (MessageKey key : keys) {
      node.get("/api/v1/messages/" + key).ifPresent(m -> found.put(key.toString(), m));
    }
    return found;
  }

  /** True when every message is present with {@code status} on every running replica, identical on all. */
  boolean allServe(List<MessageKey> keys, String status) {
    return allServe(running(), keys, status);
  }

  /** True when every message is present with {@code status} on each of {@code nodes}, identical on all. */
  static boolean allServe(List<NodeProcess> nodes, List<MessageKey> keys, String status) {
    Map<String, JsonNode> first = null;
    for (NodeProcess node : nodes) {
      Map<String, JsonNode> seen = messages(node, keys);
      if (seen.size() != keys.size()
          || !seen.values().stream().allMatch(m -> m.get("status").asString().equals(status))) {
        return false;
      }
      if (first != null && !first.equals(seen)) {
        return false;
      }
      first = seen;
    }
    return true;
  }

  void awaitAllServe(List<MessageKey> keys, String status) {
    awaitServe(running(), keys, status, PATIENCE);
  }

  /** As {@link #awaitAllServe(List, String)}, waiting up to {@code patience}. */
  void awaitAllServe(List<MessageKey> keys, String status, Duration patience) {
    awaitServe(running(), keys, status, patience);
  }

  /** Waits until {@link #allServe(List, List, String)}; the failure says what each replica served. */
  static void awaitServe(List<NodeProcess> nodes, List<MessageKey> keys, String status) {
    awaitServe(nodes, keys, status, PATIENCE);
  }

  private static void awaitServe(List<NodeProcess> nodes, List<MessageKey> keys, String status, Duration patience) {
    try {
      await().atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> allServe(nodes, keys, status));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("not every replica serves every message as " + status + ", these differ: "
          + served(nodes, keys, status), e);
    }
  }

  /**
   * What each replica serves for the messages that fail the wait (absent somewhere, another status, or served
   * differently by two replicas): the whole record, or absent. Only those, so that a failure shows them in full
   * rather than somewhere in every record.
   */
  private static Map<String, List<String>> served(List<NodeProcess> nodes, List<MessageKey> keys, String status) {
    var seen = new LinkedHashMap<String, Map<String, JsonNode>>();
    nodes.forEach(node -> seen.put(node.name(), messages(node, keys)));
    List<MessageKey> failing = keys.stream().filter(k -> {
      List<JsonNode> copies = seen.values().stream().map(m -> m.get(k.toString())).toList();
      return copies.stream().anyMatch(m -> m == null || !m.get("status").asString().equals(status))
          || copies.stream().distinct().count() > 1;
    }).toList();
    var served = new LinkedHashMap<String, List<String>>();
    seen.forEach((name, records) -> served.put(name, failing.stream()
        .map(k -> k + "=" + Optional.ofNullable(records.get(k.toString())).map(JsonNode::toString).orElse("absent"))
        .toList()));
    return served;
  }


  /** Kills every replica still running, then stops the chains. */
  @Override
  public void close() {
    nodes.forEach(NodeProcess::kill);
    devnet.close();
  }
}
