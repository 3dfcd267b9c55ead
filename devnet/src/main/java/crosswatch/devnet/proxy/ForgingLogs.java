package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A node whose matching {@code eth_getLogs} answers carry forged data for the emitters a fault names. */
final class ForgingLogs implements Behaviour {
  private final Fault.ForgeLogData forge;

  ForgingLogs(Fault.ForgeLogData forge) {
    this.forge = forge;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    List<JsonNode> told = exchange.rewritten(upstream.call(exchange.requests()),
        Match.methods("eth_getLogs").and(forge.match()), (request, answer) -> forged(answer));
    return Outcome.json(told, exchange.batch());
  }

  private JsonNode forged(JsonNode answer) {
    return Json.eachLog(answer, log -> Optional.of(forges(log) ? withLastBitFlipped(log) : log));
  }

  private boolean forges(JsonNode log) {
    String data = log.path("data").asString("0x");
    return data.length() > 2 && forge.addresses().contains(log.path("address").asString("").toLowerCase());
  }

  private static JsonNode withLastBitFlipped(JsonNode log) {
    String data = log.get("data").asString();
    int last = Character.digit(data.charAt(data.length() - 1), 16) ^ 1;
    ObjectNode copy = Json.copy(log);
    copy.put("data", data.substring(0, data.length() - 1) + Character.forDigit(last, 16));
    return copy;
  }
}
