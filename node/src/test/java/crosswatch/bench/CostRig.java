package crosswatch.bench;

import crosswatch.cluster.TestNodes;
import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.FreePort;
import crosswatch.devnet.NodeLaunch;
import crosswatch.devnet.proxy.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Anvil chains, a counting {@link FaultProxy} in front of each, and one Crosswatch node in its own JVM (default JVM
 * settings, as an operator starts it) that reaches every chain only through its proxy, over ws or http. What the
 * node asks is tallied by kind ({@link #takeRequests}): a batch's elements one by one, as providers bill them.
 */
final class CostRig implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  final Devnet devnet;
  private final List<FaultProxy> proxies;
  /** By chain id, then by kind of request. */
  private final Map<Long, Map<String, LongAdder>> requests = new ConcurrentHashMap<>();
  private final Process node;
  private final int httpPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private CostRig(Devnet devnet, List<FaultProxy> proxies, Process node, int httpPort) {
    this.devnet = devnet;
    this.proxies = proxies;
    this.node = node;
    this.httpPort = httpPort;
  }

  /** Starts the chains, their proxies and the node (scanning from each chain's latest block); waits until it is up. */
  static CostRig start(List<ChainSpec> chains, boolean webSocket) throws IOException {
    Devnet devnet = Devnet.start(chains);
    var proxies = new ArrayList<FaultProxy>();
    Process node = null;
    try {
      var flags = new ArrayList<String>();
      for (DevnetChain chain : devnet.chains()) {
        FaultProxy proxy = FaultProxy.start(chain.rpcUrl());
        proxies.add(proxy);
        flags.addAll(List.of("--rpc", chain.chainId() + "=" + (webSocket ? proxy.wsUrl() : proxy.httpUrl())));
      }
      int clusterPort = TestNodes.freePort();
      int httpPort = FreePort.pick();
      Path dataDir = Files.createTempDirectory("crosswatch-cost");
      flags.addAll(List.of("--node-name", "cost", "--data-dir", dataDir.toString(),
          "--http-port", Integer.toString(httpPort), "--cluster-name", "cost-" + clusterPort,
          "--bind-address", "127.0.0.1", "--bind-port", Integer.toString(clusterPort)));
      node = launch(flags);
      var rig = new CostRig(devnet, proxies, node, httpPort);
      for (int i = 0; i < proxies.size(); i++) {
        long chainId = devnet.chains().get(i).chainId();
        proxies.get(i).onRequest(request -> rig.tally(chainId, request));
      }
      rig.awaitTrue(() -> rig.get("/readyz").isPresent(), START_TIMEOUT, "node ready");
      return rig;
    } catch (IOException | RuntimeException e) {
      if (node != null) {
        node.destroyForcibly();
      }
      proxies.forEach(FaultProxy::close);
      devnet.close();
      throw e;
    }
  }

  /** Chain ids 901, 902, ... */
  static List<ChainSpec> chains(int count, Optional<Long> blockTimeSeconds) {
    var specs = new ArrayList<ChainSpec>();
    for (int i = 0; i < count; i++) {
      ChainSpec spec = ChainSpec.of(901 + i);
      specs.add(blockTimeSeconds.map(spec::withBlockTime).orElse(spec));
    }
    return specs;
  }

  private static Process launch(List<String> flags) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeLaunch.jvmOptions());
    command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "crosswatch.app.Main"));
    command.addAll(flags);
    Path log = Path.of("target", "bench-logs", "cost-node-" + System.nanoTime() + ".log");
    Files.createDirectories(log.getParent());
    var builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(n -> n.startsWith("CROSSWATCH_"));
    return builder.start();
  }

  /**
   * One request as what it asks: the method, and for the ones asked for different reasons, which reason (a head
   * by tag or a block by number; logs of a range or of one block).
   */
  private void tally(long chainId, JsonNode request) {
    String method = request.path("method").asString("");
    JsonNode first = request.path("params").path(0);
    String kind = switch (method) {
      case "eth_getBlockByNumber" -> method + (first.asString("").matches("0x[0-9a-fA-F]+") ? "(number)"
          : "(" + first.asString("") + ")");
      case "eth_getLogs" -> method + (first.has("blockHash")
          ? (first.has("address") && first.path("address").isArray() ? "(block, origins)"
              : first.has("address") ? "(block, inbox)" : "(block, all)")
          : "(range)");
      default -> method;
    };
    requests.computeIfAbsent(chainId, id -> new ConcurrentHashMap<>())
        .computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Requests the node made since the last call, by chain id, then by kind. */
  synchronized Map<Long, Map<String, Long>> takeRequests() {
    var taken = new TreeMap<Long, Map<String, Long>>();
    requests.forEach((chainId, kinds) -> kinds.forEach((kind, count) -> {
      long n = count.sumThenReset();
      if (n > 0) {
        taken.computeIfAbsent(chainId, id -> new TreeMap<>()).put(kind, n);
      }
    }));
    return taken;
  }

  /** The requests to these chains, by kind. */
  static Map<String, Long> of(Map<Long, Map<String, Long>> byChain, Collection<Long> chainIds) {
    var merged = new TreeMap<String, Long>();
    chainIds.forEach(id -> byChain.getOrDefault(id, Map.of()).forEach((kind, n) -> merged.merge(kind, n, Long::sum)));
    return merged;
  }

  /** The requests to every chain, by kind. */
  static Map<String, Long> all(Map<Long, Map<String, Long>> byChain) {
    return of(byChain, byChain.keySet());
  }

  static long total(Map<String, Long> requests) {
    return requests.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The requests that follow safe and finalized (asked on a timer, whatever the traffic). */
  static long safeAndFinalized(Map<String, Long> requests) {
    return requests.getOrDefault("eth_getBlockByNumber(safe)", 0L)
        + requests.getOrDefault("eth_getBlockByNumber(finalized)", 0L);
  }

  /** Sum of the chains' head block numbers. */
  long headsSum() {
    return devnet.chains().stream().mapToLong(DevnetChain::head).sum();
  }

  /** The node's CPU time so far (user + system, every thread). */
  Duration cpuTime() {
    return node.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for the node"));
  }

  /** Heap the node holds after a full collection (jcmd GC.run), in MiB. */
  double liveHeapMiB() throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(node.pid()), "GC.run").redirectErrorStream(true).start();
    jcmd.getInputStream().readAllBytes();
    if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
      throw new IllegalStateException("jcmd GC.run failed");
    }
    return heapUsedMiB();
  }

  /** The node's {@code jvm_memory_used_bytes{area="heap"}}, summed over its pools, in MiB. */
  double heapUsedMiB() {
    String metrics = text("/metrics").orElseThrow(() -> new IllegalStateException("no /metrics"));
    return metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() / (1024 * 1024);
  }

  /** Every chain's checkpoint is within {@code blocks} of its head. */
  boolean caughtUp(int blocks) {
    return get("/api/v1/chains").map(body -> {
      for (JsonNode chain : body.path("chains")) {
        DevnetChain devnetChain = devnet.chain(Long.parseLong(chain.path("chainId").asString()));
        if (chain.path("checkpoint").isNull() || chain.path("checkpoint").isMissingNode()
            || devnetChain.head() - Long.parseLong(chain.path("checkpoint").asString()) > blocks) {
          return false;
        }
      }
      return true;
    }).orElse(false);
  }

  /** The chain's scan checkpoint, -1 while unknown. */
  long checkpoint(long chainId) {
    return get("/api/v1/chains").map(body -> {
      for (JsonNode chain : body.path("chains")) {
        if (chain.path("chainId").asString().equals(Long.toString(chainId)) && chain.path("checkpoint").isString()) {
          return Long.parseLong(chain.path("checkpoint").asString());
        }
      }
      return -1L;
    }).orElse(-1L);
  }

  /** The node's messages of one executing transaction (at most 500). */
  List<JsonNode> messagesOf(long executingChainId, String txHash) {
    return get("/api/v1/messages?limit=500&executingChainId=" + executingChainId + "&txHash=" + txHash.toLowerCase())
        .<List<JsonNode>>map(body -> {
          var messages = new ArrayList<JsonNode>();
          body.path("items").forEach(messages::add);
          return messages;
        }).orElse(List.of());
  }

  Optional<JsonNode> get(String path) {
    return text(path).map(JSON::readTree);
  }

  private Optional<String> text(String path) {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Checks every 5 ms until the condition holds (the node itself stamps what is measured). */
  void awaitTrue(BooleanSupplier condition, Duration timeout, String what) {
    awaitTrue(condition, timeout, what, Duration.ofMillis(5));
  }

  /** Checks every {@code poll} until the condition holds; a heavy query is asked less often. */
  void awaitTrue(BooleanSupplier condition, Duration timeout, String what, Duration poll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!node.isAlive()) {
        throw new IllegalStateException("the node exited with " + node.exitValue() + " (see target/bench-logs)");
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within " + timeout);
      }
      LockSupport.parkNanos(poll.toNanos());
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    node.destroy();
    try {
      if (!node.waitFor(30, TimeUnit.SECONDS)) {
        node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    proxies.forEach(FaultProxy::close);
    http.close();
    devnet.close();
  }
}
