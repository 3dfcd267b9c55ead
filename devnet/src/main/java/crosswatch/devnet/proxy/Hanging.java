package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Takes matching requests and never answers them (until healed); over ws the matching notifications stop too. */
final class Hanging implements Behaviour {
  private final Match match;

  Hanging(Match match) {
    this.match = match;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    return exchange.any(match) ? new Outcome.Hang() : TRUTH.answer(exchange, upstream);
  }

  @Override
  public Optional<String> notification(JsonNode notification, Upstream upstream) {
    return match.test(notification) ? Optional.empty() : Optional.of(notification.toString());
  }
}
