package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node whose matching {@code eth_getLogs} answers have each log replaced by what a lie makes of it: left out
 * ({@link Fault.HideLogs}) or with forged data ({@link Fault.ForgeLogData}). Headers stay true.
 */
final class RewritingLogs implements Behaviour {
  private final Match match;
  private final Function<JsonNode, Optional<JsonNode>> each;

  private RewritingLogs(Match match, Function<JsonNode, Optional<JsonNode>> each) {
    this.match = match;
    this.each = each;
  }

  static RewritingLogs hiding(Fault.HideLogs hide) {
    return new RewritingLogs(hide.match(), log -> hidden(hide, log) ? Optional.empty() : Optional.of(log));
  }

  static RewritingLogs forging(Fault.ForgeLogData forge) {
    return new RewritingLogs(forge.match(), log -> Optional.of(forged(forge, log) ? withLastBitFlipped(log) : log));
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    List<JsonNode> told = exchange.rewritten(upstream.call(exchange.requests()),
        Match.methods("eth_getLogs").and(match), (request, answer) -> Json.eachLog(answer, each));
    return Outcome.json(told, exchange.batch());
  }

  private static boolean hidden(Fault.HideLogs hide, JsonNode log) {
    long block = Json.quantity(log.path("blockNumber"));
    String address = log.path("address").asString("").toLowerCase();
    String topic0 = log.path("topics").path(0).asString("").toLowerCase();
    return block >= hide.fromBlock() && block <= hide.toBlock()
        && (hide.addresses().isEmpty() || hide.addresses().contains(address))
        && (hide.topics0().isEmpty() || hide.topics0().contains(topic0));
  }

  private static boolean forged(Fault.ForgeLogData forge, JsonNode log) {
    return log.path("data").asString("0x").length() > 2
        && forge.addresses().contains(log.path("address").asString("").toLowerCase());
  }

  private static JsonNode withLastBitFlipped(JsonNode log) {
    String data = log.get("data").asString();
    int last = Character.digit(data.charAt(data.length() - 1), 16) ^ 1;
    ObjectNode copy = Json.copy(log);
    copy.put("data", data.substring(0, data.length() - 1) + Character.forDigit(last, 16));
    return copy;
  }
}
