package crosswatch.devnet.proxy;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One round trip a client started: a single request or a batch, as one http body or one ws text message.
 *
 * @param requests the requests, in the client's order (one for a single request)
 * @param batch whether they came as a JSON array
 * @param overWebSocket whether they came over ws
 * @param target the path and query the client asked for (where a provider's URL holds the API key), which
 *     providers' error answers often repeat
 */
record Exchange(List<JsonNode> requests, boolean batch, boolean overWebSocket, String target) {
  Exchange {
    requests = List.copyOf(requests);
  }

  boolean any(Match match) {
    return requests.stream().anyMatch(match::test);
  }
}
