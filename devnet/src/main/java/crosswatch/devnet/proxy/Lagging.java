package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node that has synced only up to the real head minus {@code blocks}: it knows nothing newer, answers
 * {@code latest} (and {@code safe}/{@code finalized} when they are newer) with its own head, and announces each
 * new head over ws when the real chain is that many blocks further.
 */
final class Lagging implements Behaviour {
  private final int blocks;

  Lagging(int blocks) {
    this.blocks = blocks;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    long head = Math.max(0, Json.quantity(upstream.result("eth_blockNumber")) - blocks);
    List<JsonNode> answers = new ArrayList<>();
    for (JsonNode request : exchange.requests()) {
      answers.add(answer(request, head, upstream));
    }
    return Outcome.json(answers, exchange.batch());
  }

  private JsonNode answer(JsonNode request, long head, Upstream upstream) throws IOException {
    JsonNode id = request.get("id");
    return switch (Json.method(request)) {
      case "eth_blockNumber" -> Json.result(id, Json.MAPPER.getNodeFactory().stringNode(Json.quantity(head)));
      case "eth_getBlockByNumber" -> byNumber(request, head, upstream);
      case "eth_getLogs" -> logs(request, head, upstream);
      case "eth_getBlockByHash", "eth_getTransactionByHash", "eth_getTransactionReceipt" -> {
        JsonNode answer = trueAnswer(request, upstream);
        JsonNode result = answer.path("result");
        JsonNode number = result.has("number") ? result.get("number") : result.path("blockNumber");
        yield number.isString() && Json.quantity(number) > head ? Json.result(id, Json.MAPPER.nullNode()) : answer;
      }
      default -> trueAnswer(request, upstream);
    };
  }

  private JsonNode byNumber(JsonNode request, long head, Upstream upstream) throws IOException {
    JsonNode params = Json.params(request);
    String tag = params.path(0).asString("latest");
    long asked = switch (tag) {
      case "latest", "pending" -> head;
      case "safe", "finalized" -> Math.min(head, Json.quantity(upstream.result("eth_getBlockByNumber", tag, false)
          .path("number")));
      case "earliest" -> 0;
      default -> Json.quantity(params.path(0));
    };
    if (asked > head) {
      return Json.result(request.get("id"), Json.MAPPER.nullNode());
    }
    return Json.result(request.get("id"), upstream.result("eth_getBlockByNumber", Json.quantity(asked),
        params.path(1).asBoolean(false)));
  }

  /** Logs up to the node's head; a block it has not seen is unknown. */
  private JsonNode logs(JsonNode request, long head, Upstream upstream) throws IOException {
    JsonNode filter = Json.params(request).path(0);
    if (filter.has("blockHash")) {
      JsonNode block = upstream.result("eth_getBlockByHash", filter.get("blockHash").asString(), false);
      if (block.isNull() || Json.quantity(block.path("number")) > head) {
        return Json.error(request.get("id"), -32000, "unknown block", null);
      }
      return trueAnswer(request, upstream);
    }
    ObjectNode clamped = Json.copy(filter);
    long to = bound(filter.path("toBlock"), head);
    if (bound(filter.path("fromBlock"), head) > head) {
      return Json.result(request.get("id"), Json.MAPPER.createArrayNode());
    }
    clamped.put("toBlock", Json.quantity(Math.min(to, head)));
    ObjectNode asked = Json.copy(request);
    asked.set("params", Json.MAPPER.createArrayNode().add(clamped));
    return trueAnswer(asked, upstream);
  }

  private static long bound(JsonNode blockParameter, long head) {
    String text = blockParameter.asString("latest");
    return text.startsWith("0x") ? Json.quantity(blockParameter) : text.equals("earliest") ? 0 : head;
  }

  private static JsonNode trueAnswer(JsonNode request, Upstream upstream) throws IOException {
    return upstream.call(List.of(request)).getFirst();
  }

  /** A new head is announced when the node would have it: the header {@code blocks} below the real one. */
  @Override
  public Optional<String> notification(JsonNode notification, Upstream upstream) throws IOException {
    JsonNode head = notification.path("params").path("result");
    if (!head.has("number")) {
      return Optional.of(notification.toString());
    }
    long number = Json.quantity(head.get("number")) - blocks;
    if (number < 0) {
      return Optional.empty();
    }
    ObjectNode late = Json.copy(notification);
    ((ObjectNode) late.get("params")).set("result",
        upstream.result("eth_getBlockByNumber", Json.quantity(number), false));
    return Optional.of(late.toString());
  }
}
