package crosswatch.devnet;

import java.util.List;

/**
 * One batch of executing messages for one chain, as the traffic planner chose it.
 *
 * @param executing messages for one {@code validateMessages} call, valid and invalid mixed
 * @param malformed raw inbox logs, one transaction each
 * @param flaws the invalid ones among both, for the log line
 */
record Emission(List<ExecSpec> executing, List<RawLog> malformed, List<Flaw> flaws) {
  Emission {
    executing = List.copyOf(executing);
    malformed = List.copyOf(malformed);
    flaws = List.copyOf(flaws);
  }
}
