package crosswatch.faults;

import crosswatch.devnet.Inbox;
import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.HeaderLie;
import crosswatch.devnet.proxy.Match;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The faulty chain configured with two endpoints ({@code --rpc 902=<proxied> --rpc 902=<its own ws>}), as an
 * operator who points two providers at one chain does: when the first lies, no wrong verdict comes of it, and when
 * it names other blocks than the second the node counts that in {@value #DISAGREEMENTS}; when the first is down,
 * the second serves the chain within seconds.
 */
@Tag("integration")
class SecondEndpointTest extends FaultPhases {
  static final String DISAGREEMENTS = "crosswatch_rpc_disagreements_total";
  /**
   * One request timeout: failing over must beat waiting one out. Measured p99 varies from under 0.1 s to 5.6 s
   * (2026-12-03, two runs alone: reset 3.2 and 3.6 s, 503 3.3 and 5.6 s), which a 5 s bound failed on. Not yet
   * explained; the scanner's heads are not it (they come from the active endpoint, the second one since an earlier
   * phase failed the chain over).
   */
  private static final Duration FAILOVER = Duration.ofSeconds(10);
  private static final String WITHHELD = "crosswatch_verdicts_withheld_total";
  private static final Pattern WITHHELD_SAMPLE = Pattern.compile(
      "^" + WITHHELD + "\\{[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);
  private static final Pattern SAMPLE = Pattern.compile(
      "^" + DISAGREEMENTS + "\\{[^}]*chain_id=\"" + ProxiedNode.FAULTY + "\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

  @Override
  protected Setup setup() {
    return Setup.ws().withHonestSecondEndpoint();
  }

  /**
   * The lies come first, while the liar is the active endpoint (a failover makes the second one active for good).
   * Hidden logs are caught by the blooms of true headers, so the endpoints need not disagree; a message must only
   * never be judged from the lie.
   */
  @Test
  @Order(1)
  void theFirstEndpointHidesLogsFromRangeQueries() {
    assertRight(run("first endpoint hides logs by range", Fault.hideLogs(Match.logsByRange())));
  }

  @Test
  @Order(2)
  void theFirstEndpointHidesLogsFromBlockHashQueries() {
    assertRight(run("first endpoint hides logs by hash", Fault.hideLogs(Match.logsByHash())));
  }

  @Test
  @Order(3)
  void theFirstEndpointHidesTheInitiatingLogs() {
    assertRight(run("first endpoint hides initiating logs",
        Fault.hideLogs().ofAddress(net.devnet.chain(ProxiedNode.FAULTY).emitterAddress())));
  }

  /** Two endpoints that name different blocks at one height disagree: counted, and never a verdict. */
  @Test
  @Order(4)
  void theFirstEndpointFabricatesBlockHashes() {
    assertRightAndCounted("first endpoint fabricates hashes", Fault.wrongHeader(HeaderLie.FABRICATED_HASH),
        "the endpoints named different blocks at the same heights");
  }

  /**
   * The first endpoint makes up the inbox's logs (the last bit of their data: the identifier's chain id, which no
   * bloom shows). The scanner holds every block's inbox logs against the second endpoint before recording them: the
   * two disagree, so the block is not passed (and the disagreement counted) until the liar heals, and then its
   * messages are recorded with their true facts. First of all phases: only while the liar is the active endpoint
   * are its answers the ones recorded.
   */
  @Test
  @Order(0)
  void theFirstEndpointForgesExecutingMessages() {
    assertRightAndCounted("first endpoint forges executing messages", Fault.forgeLogData(Inbox.ADDRESS),
        "the endpoints held different logs in the same blocks");
  }

  /** Runs a phase and fails with its problems, and when {@value #DISAGREEMENTS} of the faulty chain did not grow. */
  private void assertRightAndCounted(String name, Fault fault, String why) {
    OptionalDouble before = disagreements();
    PhaseOutcome outcome = run(name, fault);
    OptionalDouble after = disagreements();
    assertRight(outcome, after.isEmpty()
        ? Optional.of("/metrics has no " + DISAGREEMENTS + "{chain_id=\"" + ProxiedNode.FAULTY + "\"}")
        : after.getAsDouble() > before.orElse(0) ? Optional.empty()
        : Optional.of(why + ", yet " + DISAGREEMENTS + "{chain_id=\"" + ProxiedNode.FAULTY + "\"} stayed at "
            + after.getAsDouble()));
  }

  @Test
  @Order(5)
  void theFirstEndpointResetsEveryConnection() {
    double withheldBefore = withheld();
    PhaseOutcome outcome = run("first endpoint resets", Fault.reset());
    assertRight(outcome, failoverSlow(outcome), invalidNotWithheld(withheldBefore));
  }

  @Test
  @Order(6)
  void theFirstEndpointAnswers503() {
    double withheldBefore = withheld();
    PhaseOutcome outcome = run("first endpoint 503", Fault.status(503));
    assertRight(outcome, failoverSlow(outcome), invalidNotWithheld(withheldBefore));
  }

  /**
   * An endpoint that refuses at once is left after one attempt: the chain's valid messages are then judged through
   * the second endpoint within {@link #FAILOVER}. Its invalid ones wait (the {@link #assertRight} check holds them
   * to being right within the recovery time after healing): with two endpoints an invalid verdict needs both.
   */
  private static Optional<String> failoverSlow(PhaseOutcome outcome) {
    return outcome.affectedValidP99().compareTo(FAILOVER) <= 0 ? Optional.empty() : Optional.of("failover slow: "
        + "chain " + ProxiedNode.FAULTY + "'s valid messages' p99 " + outcome.affectedValidP99().toMillis()
        + " ms > " + FAILOVER.toMillis() + " ms with its first endpoint down and its second one fine");
  }

  /** One of two endpoints down: the invalid verdicts resting on the chain must have been withheld, and counted. */
  private Optional<String> invalidNotWithheld(double before) {
    double after = withheld();
    return after > before ? Optional.empty() : Optional.of("no invalid verdict was withheld while one of chain "
        + ProxiedNode.FAULTY + "'s two endpoints was down (" + WITHHELD + " stayed at " + after + ")");
  }

  /** The node's count of withheld verdicts, every reason and chain summed. */
  private double withheld() {
    return WITHHELD_SAMPLE.matcher(net.text("/metrics").orElse("")).results()
        .mapToDouble(m -> Double.parseDouble(m.group(1))).sum();
  }

  /** The node's count of disagreements about the faulty chain; empty when it exports no such meter. */
  private OptionalDouble disagreements() {
    Matcher sample = SAMPLE.matcher(net.text("/metrics").orElse(""));
    return sample.find() ? OptionalDouble.of(Double.parseDouble(sample.group(1))) : OptionalDouble.empty();
  }
}
