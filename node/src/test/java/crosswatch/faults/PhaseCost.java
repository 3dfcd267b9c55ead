package crosswatch.faults;

import crosswatch.devnet.proxy.RequestCounts;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one fault cost, for the table the fault tests print (and the README shows).
 *
 * @param lasted how long the fault was in force
 * @param spent the requests the node sent to the faulty chain meanwhile
 * @param recovered from healing until every message of the phase showed its deserved verdict; empty: not in 60 s
 * @param wrong messages shown with a wrong verdict
 * @param wrongAccessLists valid messages shown undeclared by the access list that declares them
 * @param p99 the 99th percentile latency of messages of the other chains during the fault
 */
record PhaseCost(String transport, String fault, Duration lasted, RequestCounts spent, Optional<Duration> recovered,
                 int wrong, int wrongAccessLists, int lost, Duration p99, Duration baselineP99) {

  static String header() {
    return "| transport | fault | lasted | requests during the fault (round trips; top methods) | recovered after heal"
        + " | wrong verdicts | wrong access lists | lost | other chains' p99 (baseline) |\n"
        + "|---|---|---|---|---|---|---|---|---|";
  }

  String row() {
    String methods = spent.byMethod().entrySet().stream()
        .sorted(Comparator.comparing((java.util.Map.Entry<String, Long> e) -> e.getValue()).reversed())
        .limit(3)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return "| " + transport + " | " + fault + " | " + seconds(lasted) + " | " + spent.total() + " ("
        + spent.roundTrips() + "; " + methods + ") | " + recovered.map(PhaseCost::seconds).orElse("not in 60 s")
        + " | " + wrong + " | " + wrongAccessLists + " | " + lost + " | " + millis(p99) + " (" + millis(baselineP99) + ") |";
  }

  static String table(List<PhaseCost> costs) {
    return header() + "\n" + costs.stream().map(PhaseCost::row).collect(Collectors.joining("\n"));
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String millis(Duration d) {
    return d.compareTo(Judgements.NEVER) >= 0 ? "never" : d.toMillis() + " ms";
  }
}
