package crosswatch.judge;

/** Why a verdict was not written although one was reached: the answers it rested on could not be confirmed. */
public enum Withheld {
  /** The chain's endpoints named different blocks at the height, or different logs for the block. */
  DISAGREEMENT("disagreement"),
  /** An endpoint failed or had not reached the block, or its logs did not match the block's bloom. */
  UNCONFIRMED("unconfirmed");

  private final String wireName;

  Withheld(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
