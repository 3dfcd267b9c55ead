package crosswatch.devnet.proxy;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One round trip a client started: a single request or a batch, as one http body or one ws text message.
 *
 * @param requests the requests, in the client's order (one for a single request)
 * @param batch whether they came as a JSON array
 * @param overWebSocket whether they came over ws
 */
record Exchange(List<JsonNode> requests, boolean batch, boolean overWebSocket) {
  Exchange {
    requests = List.copyOf(requests);
  }

  boolean any(Match match) {
    return requests.stream().anyMatch(r -> matches(match, r));
  }

  static boolean matches(Match match, JsonNode request) {
    return match.test(Json.method(request), Json.params(request));
  }
}
