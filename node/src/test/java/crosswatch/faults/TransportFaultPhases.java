package crosswatch.faults;

import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.Garbage;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a node's transport does wrong over http and ws alike: refusals, resets, silence and garbage. */
@Tag("integration")
abstract class TransportFaultPhases extends FaultPhases {
  static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  @Test
  @Order(10)
  void aRateLimitOfJsonRpcErrors32005() {
    PhaseOutcome outcome = run("-32005", Fault.rpcRateLimit(RETRY_AFTER));
    assertRight(outcome, retryAfterIgnored(outcome), rangesNarrowed(outcome));
  }

  @Test
  @Order(11)
  void connectionsReset() {
    assertRight(run("connection reset", Fault.reset()));
  }

  /** Longer than the node's request timeout (10 s), which must show the chain disconnected by then. */
  @Test
  @Order(12)
  void aNodeThatTakesRequestsAndNeverAnswers() {
    PhaseOutcome outcome = run("hang", Fault.hang(), AFFECTED * 3 / 2);
    assertRight(outcome, shownConnected(outcome));
  }

  @Test
  @Order(20)
  void htmlInsteadOfJson() {
    assertRight(run("HTML page", Fault.garble(Garbage.HTML), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(21)
  void truncatedJson() {
    assertRight(run("truncated JSON", Fault.garble(Garbage.TRUNCATED_JSON), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(22)
  void answersUnderAnotherId() {
    assertRight(run("wrong id", Fault.garble(Garbage.WRONG_ID), AFFECTED_BRIEFLY));
  }

  @Test
  @Order(23)
  void answersWithMistypedFields() {
    assertRight(run("wrong types", Fault.garble(Garbage.WRONG_TYPES), AFFECTED_BRIEFLY));
  }

  /**
   * Legal, yet read in request order it mixes up answers of one kind: transactions' access lists above all, which
   * only a batch of several transactions shows, hence the longer phase.
   */
  @Test
  @Order(24)
  void batchAnswersInReverseOrderAreLegal() {
    assertRight(run("reversed batch", Fault.garble(Garbage.REVERSED_BATCH)));
  }

  @Test
  @Order(25)
  void aDuplicatedAnswer() {
    assertRight(run("duplicate answer", Fault.garble(Garbage.DUPLICATE_ANSWER), AFFECTED_BRIEFLY));
  }

  /**
   * Each of the node's callers of one chain (scanner, head tracker, judge, access-list checker, and one to spare)
   * may ask once per Retry-After (or {@code backoff_seconds}), plus once at the start.
   */
  static Optional<String> retryAfterIgnored(PhaseOutcome outcome) {
    long allowed = 5 * (outcome.cost().lasted().toMillis() / RETRY_AFTER.toMillis() + 1);
    long sent = outcome.cost().spent().roundTrips();
    return sent <= allowed ? Optional.empty() : Optional.of("Retry-After " + RETRY_AFTER.toSeconds()
        + " s not honoured: " + sent + " round trips in " + outcome.cost().lasted().toMillis() + " ms, at most "
        + allowed + " allowed");
  }

  /**
   * The scanner fell behind during the fault; a limit is not a refusal of the range, so it catches up widely. No
   * range asked at all is no narrowing: over ws the scanner reads each block it was told of by its hash instead.
   */
  Optional<String> rangesNarrowed(PhaseOutcome outcome) {
    long widest = ranges.widest(outcome.healedAt(), Duration.ofSeconds(10));
    return widest != 1 ? Optional.empty() : Optional.of("log ranges narrowed by a rate limit: the widest"
        + " eth_getLogs range within 10 s of healing covered " + widest + " block(s)");
  }
}
