package crosswatch.devnet.proxy;

import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import tools.jackson.databind.JsonNode;

/**
 * Which JSON-RPC requests a {@link Fault} hits, judged one request (one batch element) at a time. A ws
 * subscription notification is judged as a request of method {@value #NOTIFICATION} with its {@code params}.
 *
 * @param name what it selects, for logs and reports
 * @param predicate takes the method and the {@code params} (an array; a missing one is an empty array)
 */
public record Match(String name, BiPredicate<String, JsonNode> predicate) {
  /** The pseudo-method of a subscription notification the node pushes over ws. */
  public static final String NOTIFICATION = "eth_subscription";

  public Match {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(predicate, "predicate");
  }

  public boolean test(String method, JsonNode params) {
    return predicate.test(method, params);
  }

  public static Match any() {
    return new Match("any", (method, params) -> true);
  }

  /** Requests of these methods. */
  public static Match methods(String... methods) {
    Set<String> names = Set.of(methods);
    return new Match(String.join("|", methods), (method, params) -> names.contains(method));
  }

  /** Requests of every method but these (e.g. everything but the subscription notifications). */
  public static Match allBut(String... methods) {
    Set<String> names = Set.of(methods);
    return new Match("not " + String.join("|", methods), (method, params) -> !names.contains(method));
  }

  /** {@code eth_getLogs} over a range of block numbers ({@code fromBlock}/{@code toBlock}, however narrow). */
  public static Match logsByRange() {
    return new Match("eth_getLogs by range",
        (method, params) -> method.equals("eth_getLogs") && !filter(params).has("blockHash"));
  }

  /** {@code eth_getLogs} of one block named by hash (EIP-234). */
  public static Match logsByHash() {
    return new Match("eth_getLogs by hash",
        (method, params) -> method.equals("eth_getLogs") && filter(params).has("blockHash"));
  }

  public Match and(Match other) {
    return new Match(name + " and " + other.name, (method, params) -> test(method, params) && other.test(method, params));
  }

  @Override
  public String toString() {
    return name;
  }

  private static JsonNode filter(JsonNode params) {
    JsonNode first = params.path(0);
    return first.isObject() ? first : Json.MAPPER.createObjectNode();
  }
}
