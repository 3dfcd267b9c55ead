package crosswatch.chain;

import crosswatch.metrics.RpcOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One failed attempt of one round trip; {@link RpcClient} retries it or turns it into a ChainUnavailable. Its
 * message is short and ours (e.g. {@code timeout after 10s}, {@code http 503}, {@code garbled answer: bad
 * blockHash}): never an upstream body, an exception of a library or a URL, so it may be logged and shown as is.
 * It carries no cause for the same reason.
 */
final class RpcFailure extends Exception {

  /** What went wrong; {@link #outcome()} is the metric label. */
  enum Kind {
    IO(RpcOutcome.IO, ""),
    TIMEOUT(RpcOutcome.TIMEOUT, ""),
    /** The node answered with a JSON-RPC error object: it refused, e.g. a log range that returns too much. */
    ERROR(RpcOutcome.ERROR, ""),
    /** Bad JSON, wrong types, null where a value must be, missing or unknown ids, a batch of the wrong length. */
    GARBLED(RpcOutcome.GARBLED, "garbled answer: "),
    /** Well-formed answers that contradict each other, e.g. a reorg between the parts of one batch. */
    INCONSISTENT(RpcOutcome.INCONSISTENT, "inconsistent answers: "),
    /** The node asks us to slow down (http 429, error -32005 or -32029): wait and ask the same again. */
    RATE_LIMITED(RpcOutcome.RATE_LIMITED, ""),
    /** The endpoint serves another chain: it is not used until a later connection serves the right one. */
    WRONG_CHAIN(RpcOutcome.WRONG_CHAIN, "");

    private final RpcOutcome outcome;
    private final String prefix;

    Kind(RpcOutcome outcome, String prefix) {
      this.outcome = outcome;
      this.prefix = prefix;
    }

    RpcOutcome outcome() {
      return outcome;
    }

    /** A node that limits work answers big requests this way: a smaller request may succeed. */
    boolean isRefusal() {
      return this == ERROR || this == TIMEOUT;
    }

    /** Whether the connection this failure came over may be broken, so that its next answer needs a check. */
    boolean isConnectionFailure() {
      return this == IO || this == TIMEOUT;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final long servedChainId;

  /** A failure with a detail of ours; garbled and inconsistent answers are prefixed as such. */
  RpcFailure(Kind kind, String detail) {
    this(kind, kind.prefix + detail, null, -1);
  }

  private RpcFailure(Kind kind, String message, Duration retryAfter, long servedChainId) {
    super(message, null, false, false);
    this.kind = kind;
    this.retryAfter = retryAfter;
    this.servedChainId = servedChainId;
  }

  static RpcFailure io(String detail) {
    return new RpcFailure(Kind.IO, detail);
  }

  static RpcFailure timeout(Duration after) {
    return new RpcFailure(Kind.TIMEOUT, "timeout after " + seconds(after));
  }

  static RpcFailure garbled(String detail) {
    return new RpcFailure(Kind.GARBLED, detail);
  }

  /** A JSON-RPC error object: only its code is shown, its message is the node's text. */
  static RpcFailure error(long code) {
    return new RpcFailure(Kind.ERROR, "json-rpc error " + code);
  }

  /** Rate limited; {@code retryAfter} is what the node asked for, when it said. */
  static RpcFailure rateLimited(String cause, Optional<Duration> retryAfter) {
    return new RpcFailure(Kind.RATE_LIMITED,
        "rate limited (" + retryAfter.map(d -> "retry after " + seconds(d)).orElse(cause) + ")",
        retryAfter.orElse(null), -1);
  }

  static RpcFailure wrongChain(long served) {
    return new RpcFailure(Kind.WRONG_CHAIN, "serves chain " + served, null, served);
  }

  Kind kind() {
    return kind;
  }

  /** How long the node asked us to wait before asking again, when it said. */
  Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The chain id the endpoint serves instead, for {@link Kind#WRONG_CHAIN}. */
  OptionalLong servedChainId() {
    return servedChainId < 0 ? OptionalLong.empty() : OptionalLong.of(servedChainId);
  }

  /** {@code 10s}, {@code 1.5s}, {@code 250ms}. */
  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    return millis % 1000 == 0 ? millis / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
