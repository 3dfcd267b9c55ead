package crosswatch.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles two versions of one message record. Pure, and commutative, associative and idempotent so that
 * replicas converge whatever order writes and merges arrive in. The current status is the one with the latest
 * stamp; histories are unioned and ordered; first-seen takes the minimum, last-checked the maximum.
 */
public final class Merge {

  /** Histories keep at most this many entries (the newest): a flapping message must not grow without bound. */
  public static final int MAX_HISTORY = 64;

  private static final Comparator<HistoryEntry> HISTORY_ORDER =
      Comparator.comparing(HistoryEntry::at)
          .thenComparing(h -> h.status().ordinal())
          .thenComparing(h -> h.reason() == null ? -1 : h.reason().ordinal());

  private Merge() {}

  public static MessageRecord merge(MessageRecord a, MessageRecord b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    if (!a.key().equals(b.key())) {
      throw new IllegalArgumentException("cannot merge records of different messages: " + a.key() + ", " + b.key());
    }
    MessageRecord winner = a.stamp().compareTo(b.stamp()) >= 0 ? a : b;
    var union = new LinkedHashSet<HistoryEntry>(a.history());
    union.addAll(b.history());
    List<HistoryEntry> history = new ArrayList<>(union);
    history.sort(HISTORY_ORDER);
    if (history.size() > MAX_HISTORY) {
      history = history.subList(history.size() - MAX_HISTORY, history.size());
    }
    var firstSeen = a.firstSeenAt().isBefore(b.firstSeenAt()) ? a.firstSeenAt() : b.firstSeenAt();
    var lastChecked = a.lastCheckedAt().isAfter(b.lastCheckedAt()) ? a.lastCheckedAt() : b.lastCheckedAt();
    return new MessageRecord(winner.key(), winner.executingBlockNumber(), winner.executingTxHash(),
        winner.executingTimestamp(), Objects.requireNonNullElse(winner.msgHash(), a.msgHash()),
        winner.identifier(), winner.status(), winner.reason(), history, firstSeen, lastChecked, winner.stamp());
  }
}
