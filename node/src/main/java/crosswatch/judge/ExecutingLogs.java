package crosswatch.judge;

import java.util.List;

/** The blocks of a chain with two or more endpoints, as messages executed on it are confirmed against them. */
@FunctionalInterface
public interface ExecutingLogs {

  /**
   * The block at {@code number} as each of the chain's endpoints holds it, in their configured order: its hash
   * there and, when that is {@code hash}, its inbox logs.
   */
  List<ExecutingRead> everyEndpoint(long number, String hash);
}
