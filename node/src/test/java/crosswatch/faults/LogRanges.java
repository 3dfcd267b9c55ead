package crosswatch.faults;

import crosswatch.devnet.proxy.Match;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The block ranges of the inbox's {@code eth_getLogs} by range that a proxy saw (the scanner's questions), with the
 * moment each was asked: to tell whether a node narrowed its ranges.
 */
final class LogRanges implements Consumer<JsonNode> {
  private static final Match SCANS = Match.logsByRange();

  /** One question: blocks {@code from..to}. */
  record Asked(long from, long to, Instant at) {
    long blocks() {
      return to - from + 1;
    }
  }

  private final List<Asked> asked = new CopyOnWriteArrayList<>();

  @Override
  public void accept(JsonNode request) {
    JsonNode filter = request.path("params").path(0);
    if (SCANS.test(request) && filter.has("address")
        && filter.path("fromBlock").asString("").startsWith("0x")
        && filter.path("toBlock").asString("").startsWith("0x")) {
      asked.add(new Asked(Long.decode(filter.get("fromBlock").asString()), Long.decode(filter.get("toBlock").asString()),
          Instant.now()));
    }
  }

  /** The widest range asked in {@code [from, from + within]}, in blocks; 0 when none was asked. */
  long widest(Instant from, Duration within) {
    Instant to = from.plus(within);
    return asked.stream()
        .filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to))
        .mapToLong(Asked::blocks)
        .max()
        .orElse(0);
  }
}
