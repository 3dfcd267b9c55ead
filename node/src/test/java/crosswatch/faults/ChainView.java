package crosswatch.faults;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One chain as {@code /api/v1/chains} showed it at one moment.
 *
 * @param lastError empty when none is shown
 */
record ChainView(boolean connected, Optional<String> lastError) {
  /** What a node's error text must not repeat: words from the proxy's own answers, a parser's class names. */
  private static final List<String> FOREIGN = List.of("compute units", "bad gateway", "no backend", "<html",
      "\"jsonrpc\"", "backoff_seconds", "jackson");

  static Optional<ChainView> of(JsonNode chains, long chainId) {
    for (JsonNode chain : chains.path("chains")) {
      if (chain.path("chainId").asString().equals(Long.toString(chainId))) {
        JsonNode error = chain.get("lastError");
        return Optional.of(new ChainView(chain.path("connected").asBoolean(),
            error == null || error.isNull() ? Optional.empty() : Optional.of(error.asString())));
      }
    }
    return Optional.empty();
  }

  /** The words of someone else's text the shown error repeats. */
  List<String> echoes() {
    String error = lastError.orElse("").toLowerCase(Locale.ROOT);
    return FOREIGN.stream().filter(error::contains).toList();
  }
}
