package crosswatch.chain;

/** Where scanning a chain begins when no checkpoint exists: {@code latest}, {@code latest-N} or a number. */
public sealed interface StartBlock permits StartBlock.Latest, StartBlock.Number {

  /** {@code behind} blocks before the head ({@code latest} is {@code behind == 0}). */
  record Latest(long behind) implements StartBlock {
    public Latest {
      if (behind < 0) {
        throw new IllegalArgumentException("behind must be >= 0");
      }
    }
  }

  record Number(long number) implements StartBlock {
    public Number {
      if (number < 0) {
        throw new IllegalArgumentException("block number must be >= 0");
      }
    }
  }

  StartBlock LATEST = new Latest(0);
}
