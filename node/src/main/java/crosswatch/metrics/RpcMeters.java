package crosswatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The RPC meters of one chain: calls by method and outcome, round-trip time by method, and how often an endpoint
 * was found serving another chain.
 */
public final class RpcMeters {

  /** Every method Crosswatch sends, so that every series exists (at zero) before its first call. */
  private static final List<String> METHODS = List.of("eth_chainId", "eth_getBlockByNumber", "eth_getBlockByHash",
      "eth_getLogs", "eth_getTransactionByHash", "eth_subscribe", "eth_unsubscribe");

  private final MeterRegistry registry;
  private final String chainId;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();
  private final Counter wrongChain;

  public RpcMeters(MeterRegistry registry, long chainId) {
    this.registry = registry;
    this.chainId = Long.toString(chainId);
    METHODS.forEach(method -> {
      for (RpcOutcome outcome : RpcOutcome.values()) {
        requests(method, outcome);
      }
    });
    this.wrongChain = Counter.builder(Meters.RPC_WRONG_CHAIN)
        .description(Meters.RPC_WRONG_CHAIN_HELP)
        .tags(Meters.CHAIN_ID, this.chainId)
        .register(registry);
  }

  /** One round trip: each call of it counted under its method, the trip timed under the batch's shape. */
  public void record(List<String> methods, RpcOutcome outcome, long nanos) {
    methods.forEach(method -> requests(method, outcome).increment());
    String shape = String.join("+", methods.stream().distinct().sorted().toList());
    durations.computeIfAbsent(shape, m -> Timer.builder(Meters.RPC_REQUEST_DURATION)
            .description(Meters.RPC_REQUEST_DURATION_HELP)
            .tags(Meters.CHAIN_ID, chainId, Meters.METHOD, m)
            .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** An endpoint of this chain answered eth_chainId with another chain's id. */
  public void wrongChain() {
    wrongChain.increment();
  }

  private Counter requests(String method, RpcOutcome outcome) {
    return requests.computeIfAbsent(method + "|" + outcome.label(), k -> Counter.builder(Meters.RPC_REQUESTS)
        .description(Meters.RPC_REQUESTS_HELP)
        .tags(Meters.CHAIN_ID, chainId, Meters.METHOD, method, Meters.OUTCOME, outcome.label())
        .register(registry));
  }
}
