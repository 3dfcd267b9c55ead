package crosswatch.faults;

import java.util.List;

/**
 * What one phase showed: the problems found (empty when the node stayed right) and what the fault cost.
 *
 * @param problems one line each: wrong verdicts, lost or made-up messages, no recovery, slowed chains, leaks
 */
record PhaseOutcome(String fault, List<String> problems, PhaseCost cost, java.time.Instant healedAt) {
  PhaseOutcome {
    problems = List.copyOf(problems);
  }

  /** The problems as one message, for an assertion that names them all at once. */
  String summary() {
    return "fault " + fault + ":\n  " + String.join("\n  ", problems);
  }
}
