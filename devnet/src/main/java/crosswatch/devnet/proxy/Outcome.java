package crosswatch.devnet.proxy;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** What the proxy does about one {@link Exchange}. */
sealed interface Outcome {

  /**
   * Answers with {@code body}; over ws only the body counts, sent {@code copies} times.
   *
   * @param headers extra http headers (e.g. {@code Retry-After})
   */
  record Answer(int status, String contentType, Map<String, String> headers, String body, int copies)
      implements Outcome {
    public Answer {
      headers = Map.copyOf(headers);
    }
  }

  /** Drops the TCP connection at once (a reset), nothing answered. */
  record Reset() implements Outcome {}

  /** Over ws: a close frame with this code; over http: the connection closed, nothing answered. */
  record Close(short code, String reason) implements Outcome {}

  /** Never answered until the proxy is healed. */
  record Hang() implements Outcome {}

  static Answer json(String body) {
    return new Answer(200, "application/json", Map.of(), body, 1);
  }

  static Answer json(List<JsonNode> answers, boolean batch) {
    return json(Json.body(answers, batch));
  }
}
