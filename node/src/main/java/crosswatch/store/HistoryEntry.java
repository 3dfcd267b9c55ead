package crosswatch.store;

import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One change of a message's status. {@code reason} is set only for {@link Status#INVALID}.
 *
 * <p>Ordered by time, then by status and reason wire names: a total order consistent with {@code equals}, so a
 * history is a set that every replica sorts the same way. Wire names rather than ordinals keep the order stable
 * if enum constants are ever reordered.
 */
public record HistoryEntry(Status status, Reason reason, Instant at) implements Comparable<HistoryEntry> {
  private static final Comparator<HistoryEntry> ORDER =
      Comparator.comparing(HistoryEntry::at)
          .thenComparing(h -> h.status().wireName())
          .thenComparing(h -> h.reason() == null ? "" : h.reason().wireName());

  public HistoryEntry {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
    if ((status == Status.INVALID) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with status invalid and only with it");
    }
  }

  @Override
  public int compareTo(HistoryEntry o) {
    return ORDER.compare(this, o);
  }

  /**
   * A sorted history as the changes of status it records: an entry with the status and reason of the one before
   * it is left out. Two replicas that both found or judged a message (a hot standby, the two sides of a partition)
   * each add their own entry and the merge keeps both; dropping one in the merge itself would make its result
   * depend on the order of merges, so the repeats are folded only where a history is shown.
   */
  public static List<HistoryEntry> changes(List<HistoryEntry> history) {
    var changes = new ArrayList<HistoryEntry>(history.size());
    for (HistoryEntry entry : history) {
      if (changes.isEmpty() || !changes.getLast().sameStatusAs(entry)) {
        changes.add(entry);
      }
    }
    return changes;
  }

  private boolean sameStatusAs(HistoryEntry o) {
    return status == o.status && reason == o.reason;
  }
}
