package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A node whose matching {@code eth_getLogs} answers leave out the logs a {@link Fault.HideLogs} names. */
final class HidingLogs implements Behaviour {
  private final Fault.HideLogs hide;

  HidingLogs(Fault.HideLogs hide) {
    this.hide = hide;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    List<JsonNode> told = exchange.rewritten(upstream.call(exchange.requests()),
        Match.methods("eth_getLogs").and(hide.match()), (request, answer) -> withoutHidden(answer));
    return Outcome.json(told, exchange.batch());
  }

  private JsonNode withoutHidden(JsonNode answer) {
    return Json.eachLog(answer, log -> hidden(log) ? Optional.empty() : Optional.of(log));
  }

  private boolean hidden(JsonNode log) {
    long block = Json.quantity(log.path("blockNumber"));
    String address = log.path("address").asString("").toLowerCase();
    String topic0 = log.path("topics").path(0).asString("").toLowerCase();
    return block >= hide.fromBlock() && block <= hide.toBlock()
        && (hide.addresses().isEmpty() || hide.addresses().contains(address))
        && (hide.topics0().isEmpty() || hide.topics0().contains(topic0));
  }
}
