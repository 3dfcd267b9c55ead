package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Where true answers come from: the chain's real node. */
interface Upstream {
  AtomicLong OWN_IDS = new AtomicLong();

  /** The true answers to {@code requests}, in their order (matched by id, whatever order the node used). */
  List<JsonNode> call(List<JsonNode> requests) throws IOException;

  /** The true answer of one request the proxy asks itself (not counted); its result, which may be null. */
  default JsonNode result(String method, Object... params) throws IOException {
    JsonNode answer = call(List.of(Json.request("proxy-" + OWN_IDS.incrementAndGet(), method, params))).getFirst();
    if (answer.has("error")) {
      throw new IOException(method + " failed upstream: " + answer.get("error"));
    }
    return answer.path("result");
  }
}
