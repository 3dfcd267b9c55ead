package crosswatch.devnet;

/** The invalid messages the traffic generator emits: every reason that needs no node configuration. */
enum Flaw {
  UNKNOWN_CHAIN(Broken.UNKNOWN_CHAIN),
  LOG_MISSING(Broken.LOG_MISSING),
  ORIGIN_MISMATCH(Broken.ORIGIN_MISMATCH),
  PAYLOAD_MISMATCH(Broken.PAYLOAD_MISMATCH),
  TIMESTAMP_MISMATCH(Broken.TIMESTAMP_MISMATCH),
  INITIATED_AFTER_EXECUTING(Broken.INITIATED_AFTER_EXECUTING),
  EXPIRED(Broken.EXPIRED),
  MALFORMED_EVENT(null);

  private final Broken broken;

  Flaw(Broken broken) {
    this.broken = broken;
  }

  String reason() {
    return this == MALFORMED_EVENT ? "malformed-event" : broken.reason();
  }

  /** The identifier for {@code log} with this flaw; for the timing flaws the log must be chosen to fit. */
  ExecSpec spec(InitiatingLog log) {
    return this == MALFORMED_EVENT ? ExecSpec.of(log) : broken.spec(log);
  }
}
