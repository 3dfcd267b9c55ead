package crosswatch.judge;

/** Why a verdict was not written although one was reached: the answers it rested on could not be confirmed. */
public enum Withheld {
  /** The chain's endpoints named different blocks at the height, or different logs for the block. */
  DISAGREEMENT("disagreement"),
  /** An endpoint failed or had not reached the block, or its logs did not match the block's bloom. */
  UNCONFIRMED("unconfirmed"),
  /**
   * An invalid verdict whose executing log not every endpoint of the executing chain holds as found (another block
   * at its height, another log, or an endpoint that failed or lags).
   */
  EXECUTING_UNCONFIRMED("executing-unconfirmed");

  private final String wireName;

  Withheld(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
