package crosswatch.store;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything known about one executing message. Immutable: changes are withers that return a new record, and
 * two versions of one record are reconciled by {@link Merge}.
 *
 * @param msgHash lowercase hex; null only for a malformed log without a second topic
 * @param identifier null only for a malformed log whose data could not be read as an identifier at all
 * @param reason set only when {@code status} is {@link Status#INVALID}
 * @param history changes of status, oldest first: kept sorted, without duplicates, and bounded to the newest
 *     {@link Merge#MAX_HISTORY} whatever order the entries are given in, so two records with the same entries are
 *     equal
 * @param stamp who wrote the current status, and when on the hybrid logical clock
 */
public record MessageRecord(
    MessageKey key,
    long executingBlockNumber,
    String executingTxHash,
    long executingTimestamp,
    String msgHash,
    Identifier identifier,
    Status status,
    Reason reason,
    List<HistoryEntry> history,
    Instant firstSeenAt,
    Instant lastCheckedAt,
    Stamp stamp) {

  public MessageRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(executingTxHash, "executingTxHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(lastCheckedAt, "lastCheckedAt");
    Objects.requireNonNull(stamp, "stamp");
    history = normalized(history);
    if ((status == Status.INVALID) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with status invalid and only with it");
    }
  }

  private static List<HistoryEntry> normalized(List<HistoryEntry> history) {
    boolean ascending = true;
    for (int i = 1; i < history.size() && ascending; i++) {
      ascending = history.get(i - 1).compareTo(history.get(i)) < 0;
    }
    if (ascending && history.size() <= Merge.MAX_HISTORY) {
      return List.copyOf(history);
    }
    List<HistoryEntry> sorted = new ArrayList<>(new TreeSet<>(history));
    return List.copyOf(sorted.subList(Math.max(0, sorted.size() - Merge.MAX_HISTORY), sorted.size()));
  }

  /** The initiating chain id when the identifier names one that fits a configured chain id; else -1. */
  public long initiatingChainId() {
    if (identifier == null || identifier.chainId().bitLength() > 63) {
      return -1;
    }
    return identifier.chainId().longValueExact();
  }

  /** This record holding {@code sameKey}, an equal key, as its key: lets a store keep one key object per record. */
  MessageRecord withKeyInstance(MessageKey sameKey) {
    if (sameKey == key || !sameKey.equals(key)) {
      return this;
    }
    return new MessageRecord(sameKey, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        status, reason, history, firstSeenAt, lastCheckedAt, stamp);
  }

  /**
   * This record judged again at {@code at}: the status (and reason) become the given ones, a history entry is
   * added when they changed, and {@code lastCheckedAt} moves forward.
   */
  public MessageRecord withStatus(Status newStatus, Reason newReason, Instant at, Stamp newStamp) {
    boolean changed = newStatus != status || !Objects.equals(newReason, reason);
    List<HistoryEntry> newHistory = history;
    if (changed) {
      newHistory = new ArrayList<>(history);
      newHistory.add(new HistoryEntry(newStatus, newReason, at));
    }
    Instant checked = at.isAfter(lastCheckedAt) ? at : lastCheckedAt;
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        newStatus, newReason, newHistory, firstSeenAt, checked, changed ? newStamp : stamp);
  }
}
