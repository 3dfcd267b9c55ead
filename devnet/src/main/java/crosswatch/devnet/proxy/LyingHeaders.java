package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.List;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A node whose matching block answers are another block's header (see {@link HeaderLie}). */
final class LyingHeaders implements Behaviour {
  private final Match match;
  private final HeaderLie lie;

  LyingHeaders(Match match, HeaderLie lie) {
    this.match = match;
    this.lie = lie;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    List<JsonNode> told = exchange.rewritten(upstream.call(exchange.requests()),
        Match.methods("eth_getBlockByNumber", "eth_getBlockByHash").and(match),
        (request, answer) -> answer.path("result").isObject() ? lie(request, answer, upstream) : answer);
    return Outcome.json(told, exchange.batch());
  }

  private JsonNode lie(JsonNode request, JsonNode answer, Upstream upstream) throws IOException {
    JsonNode header = answer.get("result");
    JsonNode other = switch (lie) {
      case PREVIOUS_BLOCK -> Json.quantity(header.path("number")) == 0 ? header
          : upstream.result("eth_getBlockByHash", header.path("parentHash").asString(),
              Json.params(request).path(1).asBoolean(false));
      case FABRICATED_HASH -> {
        ObjectNode copy = Json.copy(header);
        copy.put("hash", Hash.sha3(header.path("hash").asString()));
        yield copy;
      }
    };
    return Json.result(answer.get("id"), other);
  }
}
