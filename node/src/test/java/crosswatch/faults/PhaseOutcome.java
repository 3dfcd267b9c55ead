package crosswatch.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one phase showed: the problems found (empty when the node stayed right) and what the fault cost.
 *
 * @param problems one line each: wrong verdicts, lost or made-up messages, no recovery, slowed chains, leaks
 * @param healedAt when the fault ended
 * @param during the faulty chain as the node showed it just before healing
 * @param affectedP99 the 99th percentile latency of the messages executed on or pointing at the faulty chain
 * @param affectedValidP99 the same of those among them that are valid (an invalid verdict may wait for every
 *     endpoint's confirmation, a valid one never does)
 */
record PhaseOutcome(String fault, List<String> problems, PhaseCost cost, Instant healedAt,
                    Optional<ChainView> during, Duration affectedP99, Duration affectedValidP99) {
  PhaseOutcome {
    problems = List.copyOf(problems);
  }

  /** The problems as one message, for an assertion that names them all at once. */
  String summary() {
    return "fault " + fault + ":\n  " + String.join("\n  ", problems);
  }
}
