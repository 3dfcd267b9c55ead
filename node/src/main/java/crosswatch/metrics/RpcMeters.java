package crosswatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The RPC meters of one chain: requests by method and outcome, round-trip time by method. */
public final class RpcMeters {

  /** Every method Crosswatch sends, so that error series exist (at zero) before the first error. */
  private static final List<String> METHODS =
      List.of("eth_chainId", "eth_getBlockByNumber", "eth_getBlockByHash", "eth_getLogs");
  private static final List<String> OUTCOMES = List.of("ok", "io", "timeout", "error", "garbled", "inconsistent");

  private final MeterRegistry registry;
  private final String chainId;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();

  public RpcMeters(MeterRegistry registry, long chainId) {
    this.registry = registry;
    this.chainId = Long.toString(chainId);
    METHODS.forEach(method -> OUTCOMES.forEach(outcome -> requests(method, outcome)));
  }

  /** One round trip: each call of it counted under its method, the trip timed under the batch's shape. */
  public void record(List<String> methods, String outcome, long nanos) {
    methods.forEach(method -> requests(method, outcome).increment());
    String shape = String.join("+", methods.stream().distinct().sorted().toList());
    durations.computeIfAbsent(shape, m -> Timer.builder(Meters.RPC_REQUEST_DURATION)
            .description(Meters.RPC_REQUEST_DURATION_HELP)
            .tags(Meters.CHAIN_ID, chainId, Meters.METHOD, m)
            .serviceLevelObjectives(Meters.LATENCY_BUCKETS)
            .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private Counter requests(String method, String outcome) {
    return requests.computeIfAbsent(method + "|" + outcome, k -> Counter.builder(Meters.RPC_REQUESTS)
        .description(Meters.RPC_REQUESTS_HELP)
        .tags(Meters.CHAIN_ID, chainId, Meters.METHOD, method, Meters.OUTCOME, outcome)
        .register(registry));
  }
}
