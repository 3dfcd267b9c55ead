package crosswatch.devnet.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 message shapes the proxy reads and builds. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** A deep copy of a JSON object, to change. */
  /**
   * An {@code eth_getLogs} answer with each log of its result replaced by what {@code each} makes of it (left out
   * when empty); an answer without a result list as it is.
   */
  static JsonNode eachLog(JsonNode answer, Function<JsonNode, Optional<JsonNode>> each) {
    if (!answer.path("result").isArray()) {
      return answer;
    }
    ArrayNode logs = MAPPER.createArrayNode();
    answer.get("result").forEach(log -> each.apply(log).ifPresent(logs::add));
    ObjectNode copy = copy(answer);
    copy.set("result", logs);
    return copy;
  }

  static ObjectNode copy(JsonNode object) {
    return (ObjectNode) object.deepCopy();
  }

  static String method(JsonNode request) {
    return request.path("method").asString("");
  }

  static JsonNode params(JsonNode request) {
    JsonNode params = request.get("params");
    return params == null || params.isNull() ? MAPPER.createArrayNode() : params;
  }

  static ObjectNode request(Object id, String method, Object... params) {
    ObjectNode request = MAPPER.createObjectNode().put("jsonrpc", "2.0").put("method", method);
    request.set("id", MAPPER.valueToTree(id));
    request.set("params", MAPPER.valueToTree(List.of(params)));
    return request;
  }

  static ObjectNode result(JsonNode id, JsonNode result) {
    ObjectNode answer = MAPPER.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", id == null ? MAPPER.nullNode() : id);
    answer.set("result", result);
    return answer;
  }

  static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode error = MAPPER.createObjectNode().put("code", code).put("message", message);
    if (data != null) {
      error.set("data", data);
    }
    ObjectNode answer = MAPPER.createObjectNode().put("jsonrpc", "2.0");
    answer.set("id", id == null ? MAPPER.nullNode() : id);
    answer.set("error", error);
    return answer;
  }

  /** The answers as one body: an array for a batch, the lone answer otherwise. */
  static String body(List<JsonNode> answers, boolean batch) {
    if (!batch) {
      return answers.getFirst().toString();
    }
    ArrayNode array = MAPPER.createArrayNode();
    answers.forEach(array::add);
    return array.toString();
  }

  static List<JsonNode> elements(JsonNode node) {
    var elements = new ArrayList<JsonNode>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else {
      elements.add(node);
    }
    return elements;
  }

  static long quantity(JsonNode hex) {
    return Long.decode(hex.asString());
  }

  static String quantity(long number) {
    return "0x" + Long.toHexString(number);
  }
}
