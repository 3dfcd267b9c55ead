package crosswatch.protocol;

/** The verdict function: pure, no clock, no I/O, no logging. */
public final class Validity {

  private Validity() {}

  /**
   * Judges one strictly decoded executing message. TODO(protocol): implement.
   *
   * @param executingChainId the chain whose block holds the executing message
   * @param executingTimestamp that block's timestamp
   * @param initiating what the initiating chain holds at {@code identifier.blockNumber}
   */
  public static Verdict judge(ExecutingMessage message, java.math.BigInteger executingChainId,
                              long executingTimestamp, DependencySet dependencies, InitiatingBlock initiating) {
    throw new UnsupportedOperationException("not implemented yet");
  }
}
