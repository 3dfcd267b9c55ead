package crosswatch.faults;

import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.HeaderLie;
import crosswatch.devnet.proxy.Match;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The faulty chain configured with two endpoints ({@code --rpc 902=<proxied> --rpc 902=<its own ws>}), as an
 * operator who points two providers at one chain does: when the first lies, the two disagree, which the node
 * counts in {@value #DISAGREEMENTS} and never turns into a wrong verdict; when the first is down, the second serves
 * the chain within seconds.
 */
class SecondEndpointTest extends FaultPhases {
  static final String DISAGREEMENTS = "crosswatch_rpc_disagreements_total";
  private static final Duration FAILOVER = Duration.ofSeconds(5);
  private static final Pattern SAMPLE = Pattern.compile(
      "^" + DISAGREEMENTS + "\\{[^}]*chain_id=\"" + ProxiedNode.FAULTY + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

  @Override
  protected Setup setup() {
    return Setup.ws().withHonestSecondEndpoint();
  }

  /** The lies come first, while the liar is the active endpoint: a failover makes the second one active for good. */
  @Test
  @Order(1)
  void theFirstEndpointHidesLogsFromRangeQueries() {
    assertDisagreementsCounted(() -> run("first endpoint hides logs by range", Fault.hideLogs(Match.logsByRange())));
  }

  @Test
  @Order(2)
  void theFirstEndpointHidesLogsFromBlockHashQueries() {
    assertDisagreementsCounted(() -> run("first endpoint hides logs by hash", Fault.hideLogs(Match.logsByHash())));
  }

  @Test
  @Order(3)
  void theFirstEndpointHidesTheInitiatingLogs() {
    assertDisagreementsCounted(() -> run("first endpoint hides initiating logs",
        Fault.hideLogs().ofAddress(net.devnet.chain(ProxiedNode.FAULTY).emitterAddress())));
  }

  @Test
  @Order(4)
  void theFirstEndpointFabricatesBlockHashes() {
    assertDisagreementsCounted(() -> run("first endpoint fabricates hashes",
        Fault.wrongHeader(HeaderLie.FABRICATED_HASH)));
  }

  @Test
  @Order(5)
  void theFirstEndpointResetsEveryConnection() {
    PhaseOutcome outcome = run("first endpoint resets", Fault.reset());
    assertRight(outcome, failoverSlow(outcome));
  }

  @Test
  @Order(6)
  void theFirstEndpointAnswers503() {
    PhaseOutcome outcome = run("first endpoint 503", Fault.status(503));
    assertRight(outcome, failoverSlow(outcome));
  }

  /**
   * An endpoint that refuses at once is left within a few quick retries, well inside one request timeout (10 s):
   * the chain's messages are then judged through the second endpoint.
   */
  private static Optional<String> failoverSlow(PhaseOutcome outcome) {
    return outcome.affectedP99().compareTo(FAILOVER) <= 0 ? Optional.empty() : Optional.of("failover slow: chain "
        + ProxiedNode.FAULTY + "'s messages' p99 " + outcome.affectedP99().toMillis() + " ms > "
        + FAILOVER.toMillis() + " ms with its first endpoint down and its second one fine");
  }

  private void assertDisagreementsCounted(java.util.function.Supplier<PhaseOutcome> phase) {
    double before = disagreements();
    PhaseOutcome outcome = phase.get();
    double counted = disagreements() - before;
    assertRight(outcome, counted > 0 ? Optional.empty() : Optional.of("the endpoints disagreed, yet "
        + DISAGREEMENTS + "{chain_id=\"" + ProxiedNode.FAULTY + "\"} did not grow"));
  }

  /** The node's count of disagreements about the faulty chain; 0 while it has none (or no such meter). */
  private double disagreements() {
    String metrics = net.text("/metrics").orElse("");
    double sum = 0;
    Matcher sample = SAMPLE.matcher(metrics);
    while (sample.find()) {
      sum += Double.parseDouble(sample.group(1));
    }
    return sum;
  }
}
