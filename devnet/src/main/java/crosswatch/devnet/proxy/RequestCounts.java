package crosswatch.devnet.proxy;

import java.util.Map;
import java.util.TreeMap;

/**
 * Requests a proxy received, by JSON-RPC method, each batch element counted as one request (as providers bill).
 * Ws subscription notifications are not requests and are not counted.
 *
 * @param roundTrips http requests and ws messages: a batch is one round trip
 */
public record RequestCounts(Map<String, Long> byMethod, long roundTrips) {
  public static final RequestCounts NONE = new RequestCounts(Map.of(), 0);

  public RequestCounts {
    byMethod = Map.copyOf(byMethod);
  }

  public long total() {
    return byMethod.values().stream().mapToLong(Long::longValue).sum();
  }

  public long of(String method) {
    return byMethod.getOrDefault(method, 0L);
  }

  @Override
  public String toString() {
    return "RequestCounts[total=" + total() + ", roundTrips=" + roundTrips + ", " + new TreeMap<>(byMethod) + "]";
  }
}
