package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.ArrayList;
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

  /** Changes the answer to one request. */
  @FunctionalInterface
  interface Rewrite {
    JsonNode apply(JsonNode request, JsonNode answer) throws IOException;
  }

  boolean any(Match match) {
    return requests.stream().anyMatch(match::test);
  }

  /** The answers (in request order), those to requests {@code match} selects rewritten. */
  List<JsonNode> rewritten(List<JsonNode> answers, Match match, Rewrite rewrite) throws IOException {
    List<JsonNode> told = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      JsonNode request = requests.get(i);
      told.add(match.test(request) ? rewrite.apply(request, answers.get(i)) : answers.get(i));
    }
    return told;
  }
}
