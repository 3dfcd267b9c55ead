package crosswatch.devnet.proxy;

import java.util.Map;

/** Connection-level faults: a status, a reset or a closed ws instead of any answer to a matching exchange. */
final class Refusing implements Behaviour {
  private static final short GOING_AWAY = 1001;
  private static final short TRY_AGAIN_LATER = 1013;

  private final Match match;
  private final Fault fault;

  Refusing(Match match, Fault fault) {
    this.match = match;
    this.fault = fault;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws java.io.IOException {
    if (!exchange.any(match)) {
      return TRUTH.answer(exchange, upstream);
    }
    return switch (fault) {
      case Fault.Status status -> exchange.overWebSocket()
          ? new Outcome.Close(TRY_AGAIN_LATER, "try again later")
          : new Outcome.Answer(status.status(), "text/plain", Map.of(),
              status.status() + " Service Unavailable: no backend for " + exchange.target(), 1);
      case Fault.Reset reset -> new Outcome.Reset();
      case Fault.CloseWebSocket close -> new Outcome.Close(GOING_AWAY, "going away");
      default -> throw new IllegalArgumentException("not a refusal: " + fault);
    };
  }
}
