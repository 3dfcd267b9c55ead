package crosswatch.store;

import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.Objects;

/** One change of a message's status. {@code reason} is set only for {@link Status#INVALID}. */
public record HistoryEntry(Status status, Reason reason, Instant at) {
  public HistoryEntry {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    if ((status == Status.INVALID) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with status invalid and only with it");
    }
  }
}
