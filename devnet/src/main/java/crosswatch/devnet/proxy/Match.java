package crosswatch.devnet.proxy;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Which JSON-RPC requests a {@link Fault} hits, judged one request (one batch element) at a time. A ws
 * subscription notification is judged as a request of method {@value #NOTIFICATION}.
 *
 * @param name what it selects, for logs and reports
 * @param predicate takes the whole request: {@code method}, {@code params}, {@code id}
 */
public record Match(String name, Predicate<JsonNode> predicate) {
  /** The method of a subscription notification the node pushes over ws. */
  public static final String NOTIFICATION = "eth_subscription";

  public Match {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(predicate, "predicate");
  }

  public boolean test(JsonNode request) {
    return predicate.test(request);
  }

  public static Match any() {
    return new Match("any", request -> true);
  }

  /** Requests of these methods. */
  public static Match methods(String... methods) {
    Set<String> names = Set.of(methods);
    return new Match(String.join("|", methods), request -> names.contains(Json.method(request)));
  }

  /** Requests of every method but these (e.g. everything but the subscription notifications). */
  public static Match allBut(String... methods) {
    Set<String> names = Set.of(methods);
    return new Match("not " + String.join("|", methods), request -> !names.contains(Json.method(request)));
  }

  /** {@code eth_getLogs} over a range of block numbers ({@code fromBlock}/{@code toBlock}, however narrow). */
  public static Match logsByRange() {
    return new Match("eth_getLogs by range",
        request -> Json.method(request).equals("eth_getLogs") && !filter(request).has("blockHash"));
  }

  /** {@code eth_getLogs} of one block named by hash (EIP-234). */
  public static Match logsByHash() {
    return new Match("eth_getLogs by hash",
        request -> Json.method(request).equals("eth_getLogs") && filter(request).has("blockHash"));
  }

  /**
   * Requests whose numeric {@code id} is a multiple of {@code n}: one in {@code n} from a client that counts its
   * ids, the same ones however often asked. Other ids never match, nor do notifications, which have none.
   */
  public static Match everyNthId(int n) {
    return new Match("every " + n + "th id", request -> request.path("id").isIntegralNumber()
        && Math.floorMod(request.path("id").asLong(), n) == 0);
  }

  public Match and(Match other) {
    return new Match(name + " and " + other.name, request -> test(request) && other.test(request));
  }

  @Override
  public String toString() {
    return name;
  }

  private static JsonNode filter(JsonNode request) {
    JsonNode first = Json.params(request).path(0);
    return first.isObject() ? first : Json.MAPPER.createObjectNode();
  }
}
