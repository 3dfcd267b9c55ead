package crosswatch.judge;

/**
 * How many of a chain's endpoints must have read a block alike before an invalid verdict may rest on it: two, or
 * the only one. An endpoint that cannot be reached, or has not reached the block yet, does not vote, so one
 * provider's outage does not hold every invalid verdict of a chain watched through three; an endpoint that answers
 * otherwise always vetoes. With two endpoints both must agree, so one lying provider cannot make a verdict alone.
 */
final class Quorum {
  private Quorum() {}

  /** The agreeing complete reads needed among {@code endpoints} configured. */
  static int of(int endpoints) {
    if (endpoints < 1) {
      throw new IllegalArgumentException("no endpoint");
    }
    return Math.min(2, endpoints);
  }
}
