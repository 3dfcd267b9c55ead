package crosswatch.store;

/** A message record's status: the judge's verdict, plus {@code reorged} when the executing block left the chain. */
public enum Status {
  PENDING("pending"),
  VALID("valid"),
  INVALID("invalid"),
  /** The executing block was reorged out: neither valid nor invalid, never counted as invalid. */
  REORGED("reorged");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Status fromWireName(String name) {
    for (Status s : values()) {
      if (s.wireName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown status: " + name);
  }
}
