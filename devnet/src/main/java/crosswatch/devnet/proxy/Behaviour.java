package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** How the proxy answers while one {@link Fault} is in force; built anew each time a fault is set. */
interface Behaviour {

  /** Decides the outcome of one exchange; {@code upstream} gives the true answers. */
  Outcome answer(Exchange exchange, Upstream upstream) throws IOException;

  /** The text to pass on for a ws subscription notification, or empty to swallow it. */
  default Optional<String> notification(JsonNode notification, Upstream upstream) throws IOException {
    return Optional.of(notification.toString());
  }

  /** The truth: every exchange forwarded and its answers passed back as they came. */
  Behaviour TRUTH = (exchange, upstream) -> Outcome.json(upstream.call(exchange.requests()), exchange.batch());

  /** The behaviour a fault calls for. */
  static Behaviour of(Fault fault) {
    return switch (fault) {
      case Fault.None none -> TRUTH;
      case Fault.WrongChain wrongChain -> TRUTH;
      case Fault.RateLimit limit -> new RateLimiting(limit);
      case Fault.Status status -> new Refusing(status.match(), status);
      case Fault.Reset reset -> new Refusing(reset.match(), reset);
      case Fault.CloseWebSocket close -> new Refusing(close.match(), close);
      case Fault.Hang hang -> new Hanging(hang.match());
      case Fault.Garble garble -> new Garbling(garble.match(), garble.garbage());
      case Fault.HideLogs hide -> RewritingLogs.hiding(hide);
      case Fault.ForgeLogData forge -> RewritingLogs.forging(forge);
      case Fault.WrongHeader wrong -> new LyingHeaders(wrong.match(), wrong.lie());
      case Fault.Lag lag -> new Lagging(lag.blocks());
    };
  }
}
