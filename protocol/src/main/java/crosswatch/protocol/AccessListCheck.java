package crosswatch.protocol;

/** Whether an executing transaction's access list declares one executing message, see {@link AccessList#confirm}. */
public enum AccessListCheck {
  /** The lookup, any needed chain-id extension and the checksum for this message are all present. */
  OK("ok"),
  /** No lookup entry names this message's identifier. */
  MISSING("missing"),
  /** A lookup names the identifier, but the checksum (or the needed chain-id extension) is absent or different. */
  MISMATCH("mismatch"),
  /**
   * The check could not be run: {@link AccessList#confirm} never returns it. Callers record it when the
   * transaction's access list could not be had (the RPC failed, or the node does not return access lists), so
   * that "not checked" is never mistaken for a result.
   */
  UNCHECKED("unchecked");

  private final String wireName;

  AccessListCheck(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON, metric labels and logs. */
  public String wireName() {
    return wireName;
  }
}
