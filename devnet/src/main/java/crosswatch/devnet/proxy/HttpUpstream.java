package crosswatch.devnet.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** A node's http endpoint, asked with one POST per batch. */
final class HttpUpstream implements Upstream {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI uri;
  private final HttpClient client;

  HttpUpstream(URI uri, HttpClient client) {
    this.uri = uri;
    this.client = client;
  }

  URI uri() {
    return uri;
  }

  /** The same node's ws endpoint: anvil serves both on one port. */
  URI webSocket() {
    return URI.create((uri.getScheme().equals("https") ? "wss" : "ws") + "://" + uri.getHost() + ":" + uri.getPort());
  }

  @Override
  public List<JsonNode> call(List<JsonNode> requests) throws IOException {
    if (requests.isEmpty()) {
      return List.of();
    }
    ArrayNode batch = Json.MAPPER.createArrayNode();
    requests.forEach(batch::add);
    HttpRequest post = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(batch.toString()))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(post, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("upstream answered http " + response.statusCode());
    }
    Map<JsonNode, JsonNode> byId = new HashMap<>();
    for (JsonNode answer : Json.MAPPER.readTree(response.body())) {
      byId.put(answer.path("id"), answer);
    }
    return requests.stream().map(r -> {
      JsonNode answer = byId.get(r.path("id"));
      return answer != null ? answer : Json.error(r.get("id"), -32603, "no answer upstream", null);
    }).toList();
  }
}
