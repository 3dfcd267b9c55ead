package crosswatch.bench;

import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.devnet.RawLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * What watching costs in JSON-RPC requests, CPU and heap, measured from outside (not a test: run it and read the
 * numbers; {@code docs/cost.md} shows them). Anvil chains, a counting proxy in front of each ({@link CostRig}), one
 * node in its own JVM reaching the chains only through the proxies; a batch's elements count one by one.
 * <ol>
 *   <li>{@code idle}: 8 chains mining a block a second, no messages: requests per chain-block over ws (goal
 *       <= 0.25) and over http polling (goal <= 1.25);
 *   <li>{@code isolated}: one message at a time between two quiet chains: requests from its initiating transaction
 *       to its verdict and access-list check (goal <= 3);
 *   <li>{@code burst}: 100 messages per executing block, 30 blocks, over ws: requests per message (goal <= 0.03)
 *       and executing block mined -> verdict p50/p99 (goal p99 < 250 ms), with 2 chains watched and with 16 (the
 *       other 14 mining a block a second);
 *   <li>{@code scaling}: 2, 8, 16 and 32 chains mining a block a second over ws: requests/s, the node's CPU time
 *       over wall time (share of one core) and its heap after a full collection.
 * </ol>
 * Arguments: the parts to run (default all), and {@code window=<seconds>} for idle and scaling (default 60).
 */
public final class CostBenchmark {
  private static final int MESSAGES_PER_BLOCK = 100;
  private static final int BURST_BLOCKS = 30;
  private static final int WARM_UP_BLOCKS = 3;
  private static final int ISOLATED_MESSAGES = 5;
  private static final Duration SETTLE = Duration.ofSeconds(15);
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private CostBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> parts = new ArrayList<>(List.of(args));
    Duration window = parts.stream().filter(a -> a.startsWith("window=")).findFirst()
        .map(a -> Duration.ofSeconds(Long.parseLong(a.substring(7)))).orElse(Duration.ofSeconds(60));
    parts.removeIf(a -> a.startsWith("window="));
    if (parts.isEmpty()) {
      parts = List.of("idle", "isolated", "burst", "scaling");
    }
    System.out.printf("cost benchmark on %d cores (java %s)%n", Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    for (String part : parts) {
      switch (part) {
        case "idle" -> {
          idle(8, true, window);
          idle(8, false, window);
        }
        case "isolated" -> isolated();
        case "burst" -> {
          burst(2);
          burst(16);
        }
        case "scaling" -> scaling(window);
        default -> throw new IllegalArgumentException("unknown part " + part
            + " (idle, isolated, burst, scaling, window=<seconds>)");
      }
    }
  }

  /** One idle window's numbers. */
  private record Idle(int chains, long requests, long blocks, double seconds, double cpuShare, double heapMiB,
                      Map<String, Long> byKind) {
    double perChainBlock() {
      return requests / (double) blocks;
    }
  }

  private static Idle measureIdle(int chains, boolean webSocket, Duration window) throws Exception {
    try (CostRig rig = CostRig.start(CostRig.chains(chains, Optional.of(1L)), webSocket)) {
      rig.awaitTrue(() -> rig.caughtUp(2), TIMEOUT, "caught up");
      // First reads of every head, subscriptions, JIT: not what a running node pays.
      CostRig.sleep(SETTLE);
      rig.takeRequests();
      long heads = rig.headsSum();
      Duration cpu = rig.cpuTime();
      long started = System.nanoTime();
      CostRig.sleep(window);
      Map<String, Long> byKind = CostRig.all(rig.takeRequests());
      long blocks = rig.headsSum() - heads;
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuShare = (rig.cpuTime().minus(cpu).toNanos() / 1e9) / seconds;
      return new Idle(chains, CostRig.total(byKind), blocks, seconds, cpuShare, rig.liveHeapMiB(), byKind);
    }
  }

  private static void idle(int chains, boolean webSocket, Duration window) throws Exception {
    Idle idle = measureIdle(chains, webSocket, window);
    System.out.printf("idle, %d chains, 1 s blocks, over %s: %d requests for %d chain-blocks in %.0f s = %.3f "
            + "per chain-block (goal <= %s)%n", chains, webSocket ? "ws" : "http", idle.requests(), idle.blocks(),
        idle.seconds(), idle.perChainBlock(), webSocket ? "0.25" : "1.25");
    printKinds(idle.byKind(), idle.blocks(), "chain-block");
  }

  private static void scaling(Duration window) throws Exception {
    var rows = new ArrayList<Idle>();
    for (int chains : new int[] {2, 8, 16, 32}) {
      rows.add(measureIdle(chains, true, window));
    }
    System.out.printf("scaling, chains mining a block a second, no messages, over ws, %.0f s each:%n",
        window.toSeconds() * 1.0);
    System.out.println("| chains | requests/s | requests per chain-block | CPU (share of a core) | heap after full GC |");
    System.out.println("|---:|---:|---:|---:|---:|");
    for (Idle row : rows) {
      System.out.printf("| %d | %.2f | %.3f | %.1f %% | %.0f MiB |%n", row.chains(), row.requests() / row.seconds(),
          row.perChainBlock(), 100 * row.cpuShare(), row.heapMiB());
    }
  }

  /** One message at a time between two quiet (automining) chains: its whole cost, nothing else happening. */
  private static void isolated() throws Exception {
    try (CostRig rig = CostRig.start(CostRig.chains(2, Optional.empty()), true)) {
      DevnetChain initiating = rig.devnet.chain(901);
      DevnetChain executing = rig.devnet.chain(902);
      rig.awaitTrue(() -> rig.caughtUp(0), TIMEOUT, "caught up");
      CostRig.sleep(SETTLE);
      var totals = new ArrayList<Long>();
      for (int i = 0; i <= ISOLATED_MESSAGES; i++) {
        rig.takeRequests();
        InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("isolated-" + System.nanoTime())), "0x");
        ExecSpec spec = ExecSpec.of(log);
        ExecutingReceipt receipt = executing.emitExecuting(List.of(spec), spec.accessListKeys());
        rig.awaitTrue(() -> rig.messagesOf(902, receipt.txHash()).stream()
            .anyMatch(m -> m.path("status").asString().equals("valid")
                && m.path("accessList").asString().equals("ok")), TIMEOUT, "isolated message judged");
        // Whatever the message set off right after its verdict counts too.
        CostRig.sleep(Duration.ofSeconds(2));
        Map<String, Long> byKind = CostRig.all(rig.takeRequests());
        long safe = CostRig.safeAndFinalized(byKind);
        if (i == 0) {
          System.out.printf("isolated message (warm-up, not counted): %d requests %s%n", CostRig.total(byKind),
              byKind);
          continue;
        }
        totals.add(CostRig.total(byKind) - safe);
        System.out.printf("isolated message %d: %d requests (goal <= 3), besides %d safe/finalized reads on the "
            + "timer: %s%n", i, CostRig.total(byKind) - safe, safe, byKind);
      }
      System.out.printf("isolated message: %.1f requests on average over %d messages%n",
          totals.stream().mapToLong(Long::longValue).average().orElseThrow(), totals.size());
    }
  }

  /**
   * Rounds of 100 initiating logs in one block of 901, then 100 executing messages in one block of 902 (mined on
   * demand); with {@code chains} > 2 the others mine a block a second, watched by the same node.
   */
  private static void burst(int chains) throws Exception {
    var specs = new ArrayList<ChainSpec>(CostRig.chains(2, Optional.empty()));
    specs.addAll(CostRig.chains(chains, Optional.of(1L)).subList(2, chains));
    try (CostRig rig = CostRig.start(specs, true)) {
      DevnetChain initiating = rig.devnet.chain(901);
      DevnetChain executing = rig.devnet.chain(902);
      rig.awaitTrue(() -> rig.caughtUp(2), TIMEOUT, "caught up");
      executing.setAutomine(false);
      for (int i = 0; i < WARM_UP_BLOCKS; i++) {
        burstBlock(rig, initiating, executing);
      }
      rig.takeRequests();
      Duration cpu = rig.cpuTime();
      long started = System.nanoTime();
      var latenciesMs = new ArrayList<Double>();
      for (int i = 0; i < BURST_BLOCKS; i++) {
        latenciesMs.addAll(burstBlock(rig, initiating, executing));
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double cpuShare = (rig.cpuTime().minus(cpu).toNanos() / 1e9) / seconds;
      Map<Long, Map<String, Long>> byChain = rig.takeRequests();
      Map<String, Long> messageChains = CostRig.of(byChain, List.of(901L, 902L));
      Map<String, Long> all = CostRig.all(byChain);
      int messages = BURST_BLOCKS * MESSAGES_PER_BLOCK;
      Collections.sort(latenciesMs);
      System.out.printf("burst, %d chains watched (901 -> 902 carry the messages%s), over ws: %d blocks x %d "
              + "messages in %.1f s%n", chains, chains > 2 ? ", the others mine a block a second" : "", BURST_BLOCKS,
          MESSAGES_PER_BLOCK, seconds);
      System.out.printf("  requests per message: %.4f on 901/902 (goal <= 0.03), %.4f on 901/902 without the "
              + "safe/finalized timer; %d requests to all %d chains%n",
          CostRig.total(messageChains) / (double) messages,
          (CostRig.total(messageChains) - CostRig.safeAndFinalized(messageChains)) / (double) messages,
          CostRig.total(all), chains);
      printKinds(messageChains, messages, "message");
      System.out.printf("  executing block mined -> verdict: p50 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < "
              + "250 ms); node CPU %.1f %% of a core%n", percentile(latenciesMs, 0.50),
          percentile(latenciesMs, 0.99), latenciesMs.getLast(), 100 * cpuShare);
    }
  }

  /** One round; the latency of each message from its executing block being mined to its verdict, in ms. */
  private static List<Double> burstBlock(CostRig rig, DevnetChain initiating, DevnetChain executing) {
    List<InitiatingLog> logs = initiating.emitInitiatingBatch(IntStream.range(0, MESSAGES_PER_BLOCK)
        .mapToObj(i -> new RawLog(List.of(Hash.sha3String("burst-" + System.nanoTime() + "-" + i)), "0x"))
        .toList());
    long initiatingBlock = logs.getFirst().blockNumber();
    // As a chain a block ahead would: the initiating block is scanned before the executing one arrives.
    rig.awaitTrue(() -> rig.checkpoint(901) >= initiatingBlock, TIMEOUT, "initiating block scanned");
    List<ExecSpec> specs = logs.stream().map(ExecSpec::of).toList();
    String tx = executing.submitExecuting(specs, specs.stream().flatMap(s -> s.accessListKeys().stream()).toList());
    executing.mine(1);
    Instant mined = Instant.now();
    var judged = new ArrayList<JsonNode>();
    rig.awaitTrue(() -> {
      judged.clear();
      judged.addAll(rig.messagesOf(902, tx));
      return judged.size() == MESSAGES_PER_BLOCK
          && judged.stream().allMatch(m -> m.path("status").asString().equals("valid"));
    }, TIMEOUT, "burst judged", Duration.ofMillis(25));
    return judged.stream().map(m -> Duration.between(mined, verdictAt(m)).toNanos() / 1e6).toList();
  }

  /** When the message first became valid, as the node stamped it. */
  private static Instant verdictAt(JsonNode message) {
    for (JsonNode change : message.path("history")) {
      if (change.path("status").asString().equals("valid")) {
        return Instant.parse(change.path("at").asString());
      }
    }
    throw new IllegalStateException("no valid entry in " + message);
  }

  private static void printKinds(Map<String, Long> byKind, long per, String unit) {
    byKind.forEach((kind, n) -> System.out.printf("    %s: %d, %.4f per %s%n", kind, n, n / (double) per, unit));
  }

  private static double percentile(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }
}
