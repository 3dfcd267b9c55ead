package crosswatch.protocol;

import java.util.Objects;

/** What the judge says of an executing message. A status (see the store) adds {@code reorged}. */
public sealed interface Verdict permits Verdict.Pending, Verdict.Valid, Verdict.Invalid {

  /** The initiating block does not exist yet: undecided, never invalid. */
  record Pending() implements Verdict {}

  record Valid() implements Verdict {}

  record Invalid(Reason reason) implements Verdict {
    public Invalid {
      Objects.requireNonNull(reason, "reason");
    }
  }

  Verdict PENDING = new Pending();
  Verdict VALID = new Valid();

  static Verdict invalid(Reason reason) {
    return new Invalid(reason);
  }
}
