package crosswatch.devnet;

import java.util.function.Function;

/** The invalid messages the traffic generator emits: every reason that needs no node configuration. */
enum Flaw {
  UNKNOWN_CHAIN(Broken.UNKNOWN_CHAIN),
  LOG_MISSING(Broken.LOG_MISSING),
  ORIGIN_MISMATCH(Broken.ORIGIN_MISMATCH),
  PAYLOAD_MISMATCH(Broken.PAYLOAD_MISMATCH),
  TIMESTAMP_MISMATCH(Broken.TIMESTAMP_MISMATCH),
  INITIATED_AFTER_EXECUTING(Broken.INITIATED_AFTER_EXECUTING),
  EXPIRED(Broken.EXPIRED),
  /** A raw inbox log made from the valid message ({@link Malformed}). */
  MALFORMED_EVENT("malformed-event", ExecSpec::of);

  private final String reason;
  private final Function<InitiatingLog, ExecSpec> spec;

  Flaw(Broken broken) {
    this(broken.reason(), broken::spec);
  }

  Flaw(String reason, Function<InitiatingLog, ExecSpec> spec) {
    this.reason = reason;
    this.spec = spec;
  }

  String reason() {
    return reason;
  }

  /** The identifier for {@code log} with this flaw; for the timing flaws the log must be chosen to fit. */
  ExecSpec spec(InitiatingLog log) {
    return spec.apply(log);
  }
}
