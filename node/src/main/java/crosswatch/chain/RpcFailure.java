package crosswatch.chain;

/** One failed attempt of one round trip; {@link RpcClient} retries it or turns it into a ChainUnavailable. */
final class RpcFailure extends Exception {

  /** What went wrong; {@link #outcome()} is the metric label. */
  enum Kind {
    IO("io"),
    TIMEOUT("timeout"),
    /** The node answered with a JSON-RPC error object: it refused, e.g. a log range that returns too much. */
    ERROR("error"),
    /** Bad JSON, wrong types, null where a value must be, a batch of the wrong length. */
    GARBLED("garbled"),
    /** Well-formed answers that contradict each other, e.g. a reorg between the parts of one batch. */
    INCONSISTENT("inconsistent");

    private final String outcome;

    Kind(String outcome) {
      this.outcome = outcome;
    }

    String outcome() {
      return outcome;
    }

    /** A node that limits work answers big requests this way: a smaller request may succeed. */
    boolean isRefusal() {
      return this == ERROR || this == TIMEOUT;
    }
  }

  private final Kind kind;

  RpcFailure(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  RpcFailure(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  Kind kind() {
    return kind;
  }
}
