package crosswatch.metrics;

/** How one JSON-RPC call ended: the {@code outcome} label of {@link Meters#RPC_REQUESTS}, every value listed here. */
public enum RpcOutcome {
  OK("ok"),
  /** The connection could not be made or broke, or an http status that is not an answer (502, 503, 504). */
  IO("io"),
  /** No answer within the request timeout. */
  TIMEOUT("timeout"),
  /** The node answered with a JSON-RPC error object. */
  ERROR("error"),
  /** Not a JSON-RPC answer to the request: bad JSON, HTML, missing or unknown ids, wrong types. */
  GARBLED("garbled"),
  /** Well-formed answers that contradict each other. */
  INCONSISTENT("inconsistent"),
  /** The node asked us to slow down: http 429 or a rate-limit error object. */
  RATE_LIMITED("rate-limited"),
  /** The endpoint serves another chain than the one it is configured for. */
  WRONG_CHAIN("wrong-chain");

  private final String label;

  RpcOutcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
