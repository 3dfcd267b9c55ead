package crosswatch.devnet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One batch of executing messages for one chain, as the traffic planner chose it.
 *
 * @param executing messages for one {@code validateMessages} call, valid and invalid mixed
 * @param executingFlaws the flaw of each of {@code executing}, null for a valid one (same order and size)
 * @param malformed raw inbox logs, one transaction each
 * @param malformedChainIds the chain whose log each malformed one was made from (same order and size)
 */
record Emission(List<ExecSpec> executing, List<Flaw> executingFlaws, List<RawLog> malformed,
                List<Long> malformedChainIds) {
  Emission {
    executing = List.copyOf(executing);
    // List.copyOf refuses nulls, and a valid message has none.
    executingFlaws = Collections.unmodifiableList(new ArrayList<>(executingFlaws));
    malformed = List.copyOf(malformed);
    malformedChainIds = List.copyOf(malformedChainIds);
    if (executingFlaws.size() != executing.size() || malformedChainIds.size() != malformed.size()) {
      throw new IllegalArgumentException("one flaw per executing message and one chain per malformed log");
    }
  }

  /** The invalid messages among both, for the log line. */
  List<Flaw> flaws() {
    var flaws = new ArrayList<Flaw>();
    executingFlaws.stream().filter(Objects::nonNull).forEach(flaws::add);
    malformed.forEach(m -> flaws.add(Flaw.MALFORMED_EVENT));
    return List.copyOf(flaws);
  }
}
