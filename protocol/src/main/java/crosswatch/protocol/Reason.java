package crosswatch.protocol;

/** Why an executing message is invalid: exactly one per invalid verdict. */
public enum Reason {
  UNKNOWN_CHAIN("unknown-chain"),
  LOG_MISSING("log-missing"),
  ORIGIN_MISMATCH("origin-mismatch"),
  PAYLOAD_MISMATCH("payload-mismatch"),
  TIMESTAMP_MISMATCH("timestamp-mismatch"),
  INITIATED_AFTER_EXECUTING("initiated-after-executing"),
  EXPIRED("expired"),
  INTEROP_INACTIVE("interop-inactive"),
  MALFORMED_EVENT("malformed-event");

  private final String wireName;

  Reason(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON, metric labels and logs. */
  public String wireName() {
    return wireName;
  }

  public static Reason fromWireName(String name) {
    for (Reason r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown reason: " + name);
  }
}
