package crosswatch.store;

/**
 * How settled a block is on its chain, as the chain's {@code safe} and {@code finalized} heads say. Declared from
 * least to most settled: the declaration order is the order safety moves in, and {@link #atLeast} relies on it.
 */
public enum Safety {
  UNSAFE("unsafe"),
  SAFE("safe"),
  FINALIZED("finalized");

  private final String wireName;

  Safety(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean atLeast(Safety other) {
    return compareTo(other) >= 0;
  }

  /** The more settled of the two: safety of one block only moves forward. */
  public static Safety max(Safety a, Safety b) {
    return a.atLeast(b) ? a : b;
  }
}
