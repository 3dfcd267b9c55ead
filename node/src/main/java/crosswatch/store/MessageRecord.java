package crosswatch.store;

import crosswatch.protocol.AccessListCheck;
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
 * @param msgHash null only for a malformed log without a second topic
 * @param identifier null only for a malformed log whose data could not be read as an identifier at all
 * @param reason set only when {@code status} is {@link Status#INVALID}
 * @param history changes of status, oldest first: kept sorted, without duplicates, and bounded to the newest
 *     {@link Merge#MAX_HISTORY} whatever order the entries are given in, so two records with the same entries are
 *     equal
 * @param stamp who wrote the current status, and when on the hybrid logical clock
 * @param executingSafety how settled the executing block is; only moves forward (the block's hash is in the key)
 * @param initiatingSafety how settled the initiating block is; only moves forward
 * @param isFinal both blocks were finalized before the current verdict was reached: the verdict is frozen, and
 *     the record expires after the retention period
 * @param flips how many times the status went between valid and invalid (pending and reorged in between do not
 *     count), counted as statuses change so that it survives the bounded history
 * @param accessList whether the executing transaction's access list declares this message
 */
public record MessageRecord(
    MessageKey key,
    long executingBlockNumber,
    Hash32 executingTxHash,
    long executingTimestamp,
    Hash32 msgHash,
    Identifier identifier,
    Status status,
    Reason reason,
    List<HistoryEntry> history,
    Instant firstSeenAt,
    Instant lastCheckedAt,
    Stamp stamp,
    Safety executingSafety,
    Safety initiatingSafety,
    boolean isFinal,
    int flips,
    AccessListCheck accessList) {

  public MessageRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(executingTxHash, "executingTxHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(lastCheckedAt, "lastCheckedAt");
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(executingSafety, "executingSafety");
    Objects.requireNonNull(initiatingSafety, "initiatingSafety");
    Objects.requireNonNull(accessList, "accessList");
    history = normalized(history);
    if (flips < 0) {
      throw new IllegalArgumentException("flips must be >= 0: " + flips);
    }
    if ((status == Status.INVALID) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with status invalid and only with it");
    }
  }

  /**
   * A record not yet followed through its lifecycle (unsafe blocks, not final, no flips, access list unchecked),
   * from the hashes' text forms; throws {@link IllegalArgumentException} naming a hash that is not one.
   */
  public MessageRecord(MessageKey key, long executingBlockNumber, String executingTxHash, long executingTimestamp,
                       String msgHash, Identifier identifier, Status status, Reason reason, List<HistoryEntry> history,
                       Instant firstSeenAt, Instant lastCheckedAt, Stamp stamp) {
    this(key, executingBlockNumber, Hash32.parse(executingTxHash, "executing tx hash"), executingTimestamp,
        Hash32.parseNullable(msgHash, "message hash"), identifier, status, reason, history, firstSeenAt,
        lastCheckedAt, stamp, Safety.UNSAFE, Safety.UNSAFE, false, 0, AccessListCheck.UNCHECKED);
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

  /** A valid message whose transaction does not declare it: impossible on a real chain, so worth reporting. */
  public boolean hasAccessListProblem() {
    return status == Status.VALID
        && (accessList == AccessListCheck.MISSING || accessList == AccessListCheck.MISMATCH);
  }

  /** This record holding {@code sameKey}, an equal key, as its key: lets a store keep one key object per record. */
  MessageRecord withKeyInstance(MessageKey sameKey) {
    if (sameKey == key || !sameKey.equals(key)) {
      return this;
    }
    return new MessageRecord(sameKey, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        status, reason, history, firstSeenAt, lastCheckedAt, stamp, executingSafety, initiatingSafety, isFinal, flips,
        accessList);
  }

  /**
   * This record judged again at {@code at}: the status (and reason) become the given ones, a history entry is
   * added when they changed, a change between valid and invalid counts as a flip, and {@code lastCheckedAt}
   * moves forward. A final record keeps its verdict: only {@code lastCheckedAt} moves.
   */
  public MessageRecord withStatus(Status newStatus, Reason newReason, Instant at, Stamp newStamp) {
    boolean changed = !isFinal && (newStatus != status || !Objects.equals(newReason, reason));
    List<HistoryEntry> newHistory = history;
    int newFlips = flips;
    if (changed) {
      newHistory = new ArrayList<>(history);
      newHistory.add(new HistoryEntry(newStatus, newReason, at));
      newFlips += flipsTo(newStatus);
    }
    Instant checked = at.isAfter(lastCheckedAt) ? at : lastCheckedAt;
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        changed ? newStatus : status, changed ? newReason : reason, newHistory, firstSeenAt, checked,
        changed ? newStamp : stamp, executingSafety, initiatingSafety, isFinal, newFlips, accessList);
  }

  /**
   * This record with both blocks at least as settled as given (safety never moves back), and frozen as final when
   * {@code makeFinal}. The stamp is only taken when something changes.
   */
  public MessageRecord withLifecycle(Safety executing, Safety initiating, boolean makeFinal, Stamp newStamp) {
    Safety e = Safety.max(executingSafety, executing);
    Safety i = Safety.max(initiatingSafety, initiating);
    boolean f = isFinal || makeFinal;
    if (e == executingSafety && i == initiatingSafety && f == isFinal) {
      return this;
    }
    // Finality takes a new stamp: the frozen verdict must win over any verdict written concurrently.
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        status, reason, history, firstSeenAt, lastCheckedAt, f != isFinal ? newStamp : stamp, e, i, f, flips,
        accessList);
  }

  /** This record with the result of its access-list check; the check runs once, so a result is never replaced. */
  public MessageRecord withAccessList(AccessListCheck result) {
    if (accessList != AccessListCheck.UNCHECKED || result == AccessListCheck.UNCHECKED) {
      return this;
    }
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        status, reason, history, firstSeenAt, lastCheckedAt, stamp, executingSafety, initiatingSafety, isFinal, flips,
        result);
  }

  /** 1 when {@code newStatus} is valid or invalid and the latest such status in the history was the other one. */
  private int flipsTo(Status newStatus) {
    if (newStatus != Status.VALID && newStatus != Status.INVALID) {
      return 0;
    }
    for (int i = history.size() - 1; i >= 0; i--) {
      Status earlier = history.get(i).status();
      if (earlier == Status.VALID || earlier == Status.INVALID) {
        return earlier != newStatus ? 1 : 0;
      }
    }
    return 0;
  }
}
