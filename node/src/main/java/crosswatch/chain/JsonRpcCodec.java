package crosswatch.chain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC 2.0 on the wire, without I/O: a round trip of one call is a single object, of several a batch (an
 * array). Answers are matched to calls by id, never by position; anything that is not exactly one well-formed
 * answer per call (missing, duplicate or unknown id, wrong {@code jsonrpc}, both or neither of result and error, a
 * result of the wrong type) is a garbled answer to the whole round trip.
 */
final class JsonRpcCodec {
  static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private JsonRpcCodec() {}

  /** One round trip as sent: the calls and the id each carries on the wire, in request order. */
  record Exchange(List<Request<?, ? extends Response<?>>> requests, List<Long> ids) {
    Exchange {
      requests = List.copyOf(requests);
      ids = List.copyOf(ids);
      if (requests.isEmpty() || ids.size() != requests.size()) {
        throw new IllegalArgumentException("one wire id per request, at least one request");
      }
    }

    List<String> methods() {
      return requests.stream().map(Request::getMethod).toList();
    }

    boolean isBatch() {
      return requests.size() > 1;
    }

    String encode() {
      if (!isBatch()) {
        return JSON.writeValueAsString(call(requests.getFirst(), ids.getFirst()));
      }
      ArrayNode batch = JSON.createArrayNode();
      for (int i = 0; i < requests.size(); i++) {
        batch.add(call(requests.get(i), ids.get(i)));
      }
      return JSON.writeValueAsString(batch);
    }
  }

  private static ObjectNode call(Request<?, ?> request, long id) {
    ObjectNode call = JSON.createObjectNode();
    call.put("jsonrpc", "2.0");
    call.put("id", id);
    call.put("method", request.getMethod());
    call.set("params", JSON.valueToTree(request.getParams() == null ? List.of() : request.getParams()));
    return call;
  }

  /** Parses a frame or body; text that is not JSON (truncated, HTML) is garbled. */
  static JsonNode parse(String text) throws RpcFailure {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JacksonException e) {
      throw RpcFailure.garbled("not json");
    }
    if (tree == null || tree.isMissingNode()) {
      throw RpcFailure.garbled("not json");
    }
    return tree;
  }

  /**
   * The wire id that the start of a frame that is not JSON (cut off, most likely) shows before it breaks: of the
   * answer, or of a batch's first answer; -1 when none can be read.
   */
  static long leadingId(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
        return -1;
      }
      int answerDepth = first == JsonToken.START_ARRAY ? 2 : 1;
      int depth = 1;
      boolean inAnswer = answerDepth == 1;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.PROPERTY_NAME && depth == answerDepth) {
          boolean isId = parser.currentName().equals("id");
          token = parser.nextToken();
          if (isId) {
            return token == JsonToken.VALUE_NUMBER_INT && parser.getLongValue() > 0 ? parser.getLongValue() : -1;
          }
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          inAnswer |= ++depth == answerDepth;
        } else if ((token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) && --depth < answerDepth
            && inAnswer) {
          return -1;
        }
      }
    } catch (JacksonException e) {
      // Cut off before the id.
    }
    return -1;
  }

  /** The wire id an answer carries, or -1 when it has none that we could have sent. */
  static long idOf(JsonNode answer) {
    JsonNode id = answer.get("id");
    return id != null && id.isIntegralNumber() && id.canConvertToLong() && id.asLong() > 0 ? id.asLong() : -1;
  }

  /** The answers of {@code exchange}, in request order, read from what the node sent back. */
  static List<Response<?>> answers(Exchange exchange, JsonNode answer) throws RpcFailure {
    if (!exchange.isBatch()) {
      if (!answer.isObject()) {
        throw RpcFailure.garbled("not an answer object");
      }
      if (idOf(answer) != exchange.ids().getFirst()) {
        throw RpcFailure.garbled("answer of another id");
      }
      return List.of(response(exchange.requests().getFirst(), answer));
    }
    if (!answer.isArray()) {
      throw RpcFailure.garbled("a batch answered without an array");
    }
    Map<Long, Integer> positions = new HashMap<>();
    for (int i = 0; i < exchange.ids().size(); i++) {
      positions.put(exchange.ids().get(i), i);
    }
    var responses = new ArrayList<Response<?>>(Collections.nCopies(exchange.requests().size(), null));
    for (JsonNode element : answer) {
      Integer position = element.isObject() ? positions.get(idOf(element)) : null;
      if (position == null) {
        throw RpcFailure.garbled("batch answer of an unknown id");
      }
      if (responses.get(position) != null) {
        throw RpcFailure.garbled("batch answer with a duplicate id");
      }
      responses.set(position, response(exchange.requests().get(position), element));
    }
    if (responses.contains(null)) {
      throw RpcFailure.garbled("batch answer without an answer to each call");
    }
    return responses;
  }

  private static Response<?> response(Request<?, ? extends Response<?>> request, JsonNode answer)
      throws RpcFailure {
    JsonNode version = answer.get("jsonrpc");
    if (version == null || !version.isString() || !version.asString().equals("2.0")) {
      throw RpcFailure.garbled("not json-rpc 2.0");
    }
    boolean hasResult = answer.has("result");
    JsonNode error = answer.get("error");
    if (hasResult == (error != null)) {
      throw RpcFailure.garbled("not one of result and error");
    }
    Response<Object> response = instance(request);
    response.setJsonrpc("2.0");
    response.setId(request.getId());
    if (error != null) {
      JsonNode code = error.get("code");
      JsonNode message = error.get("message");
      if (!error.isObject() || code == null || !code.isIntegralNumber() || !code.canConvertToInt()
          || (message != null && !message.isString())) {
        throw RpcFailure.garbled("bad error object");
      }
      var read = new Response.Error(code.asInt(), message == null ? "" : message.asString());
      JsonNode data = error.get("data");
      if (data != null && !data.isNull()) {
        // Kept as JSON text: a rate limit may say there how long to wait (RpcErrors).
        read.setData(data.toString());
      }
      response.setError(read);
      return response;
    }
    try {
      response.setResult(JSON.treeToValue(answer.get("result"), resultType(request)));
    } catch (JacksonException | IllegalArgumentException e) {
      throw RpcFailure.garbled("result of the wrong type");
    }
    return response;
  }

  /** The {@code T} of the request's {@code Response<T>} subclass, e.g. a header record. */
  private static JavaType resultType(Request<?, ? extends Response<?>> request) {
    JavaType[] parameters = JSON.getTypeFactory().constructType(request.getResponseType())
        .findTypeParameters(Response.class);
    return parameters.length == 1 ? parameters[0] : JSON.getTypeFactory().constructType(Object.class);
  }

  @SuppressWarnings("unchecked")
  private static Response<Object> instance(Request<?, ? extends Response<?>> request) {
    try {
      return (Response<Object>) request.getResponseType().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("answer type without a public no-argument constructor: "
          + request.getResponseType().getName(), e);
    }
  }
}
