package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A token bucket over matching requests; what it refuses gets a 429 or {@code -32005}. */
final class RateLimiting implements Behaviour {
  private final Fault.RateLimit limit;
  private final long retryAfterSeconds;
  private double tokens;
  private long refilledAt = System.nanoTime();

  RateLimiting(Fault.RateLimit limit) {
    this.limit = limit;
    this.retryAfterSeconds = Math.max(1, (limit.retryAfter().toMillis() + 999) / 1000);
    this.tokens = capacity();
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    List<JsonNode> requests = exchange.requests();
    List<Boolean> refused = new ArrayList<>();
    synchronized (this) {
      refill();
      for (JsonNode request : requests) {
        boolean limited = limit.match().test(request);
        boolean allowed = !limited || tokens >= 1;
        if (limited && allowed) {
          tokens -= 1;
        }
        refused.add(!allowed);
      }
    }
    if (!refused.contains(true)) {
      return TRUTH.answer(exchange, upstream);
    }
    if (limit.http429() && !exchange.overWebSocket()) {
      String body = Json.error(null, 429, "Your app " + exchange.target()
          + " has exceeded its compute units per second capacity", null).toString();
      return new Outcome.Answer(429, "application/json", Map.of("Retry-After", Long.toString(retryAfterSeconds)),
          body, 1);
    }
    List<JsonNode> allowed = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      if (!refused.get(i)) {
        allowed.add(requests.get(i));
      }
    }
    var trueAnswers = upstream.call(allowed).iterator();
    List<JsonNode> answers = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      answers.add(refused.get(i) ? limited(requests.get(i), exchange.target()) : trueAnswers.next());
    }
    return Outcome.json(answers, exchange.batch());
  }

  /** What Infura answers: the error code, and in its data where to look and how long to back off. */
  private JsonNode limited(JsonNode request, String target) {
    ObjectNode data = Json.MAPPER.createObjectNode().put("see", "https://provider.example/dashboard" + target)
        .put("backoff_seconds", retryAfterSeconds);
    return Json.error(request.get("id"), Fault.RateLimit.RATE_LIMITED, "request rate exceeded", data);
  }

  /** A second's worth of requests may come at once; none when nothing may pass. */
  private double capacity() {
    return limit.perSecond() == 0 ? 0 : Math.max(1, limit.perSecond());
  }

  private void refill() {
    long now = System.nanoTime();
    tokens = Math.min(capacity(), tokens + limit.perSecond() * (now - refilledAt) / 1e9);
    refilledAt = now;
  }
}
