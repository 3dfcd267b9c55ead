package crosswatch.store;

import crosswatch.protocol.AccessListCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles two versions of one message record: the join of a semilattice, so commutative, associative and
 * idempotent, and replicas converge whatever order writes, retries and partition merges arrive in.
 *
 * <p>Each part of a record is joined on its own, and a product of joins is a join:
 * <ul>
 *   <li>immutable facts must be equal, else {@link ConflictingFacts};
 *   <li>the current status, reason and stamp come from the greater version: a final one beats one that is not
 *       (a final verdict is frozen), then the greater stamp wins; equal stamps (one writer claiming two verdicts
 *       at one instant) fall back to the status and reason wire names, so the choice is still a total order;
 *   <li>final is sticky (or); each block's safety and the flip count only grow (maximum);
 *   <li>an access-list result beats unchecked; two different results (which one transaction cannot give) are
 *       ordered by wire name, so the choice is still deterministic;
 *   <li>histories are unioned; {@link MessageRecord} keeps them sorted, de-duplicated and bounded to the newest
 *       {@link #MAX_HISTORY} entries. Keeping the top K of a total order after a union is associative: an entry
 *       in the top K of the whole union is in the top K of every part that contains it;
 *   <li>first-seen takes the minimum, last-checked the maximum.
 * </ul>
 */
public final class Merge {

  /** Histories keep at most this many entries (the newest): a flapping message must not grow without bound. */
  public static final int MAX_HISTORY = 64;

  private static final Comparator<MessageRecord> CURRENT_VERDICT =
      Comparator.comparing(MessageRecord::isFinal)
          .thenComparing(MessageRecord::stamp)
          .thenComparing(r -> r.status().wireName())
          .thenComparing(r -> r.reason() == null ? "" : r.reason().wireName());

  private Merge() {}

  /** The join of {@code a} and {@code b}; null stands for "no record yet". Returns an argument when it is the join. */
  public static MessageRecord merge(MessageRecord a, MessageRecord b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    requireSameFacts(a, b);
    MessageRecord current = CURRENT_VERDICT.compare(a, b) >= 0 ? a : b;
    var history = new ArrayList<HistoryEntry>(a.history().size() + b.history().size());
    history.addAll(a.history());
    history.addAll(b.history());
    var merged = new MessageRecord(a.key(), a.executingBlockNumber(), a.executingTxHash(), a.executingTimestamp(),
        a.msgHash(), a.identifier(), current.status(), current.reason(), history,
        min(a.firstSeenAt(), b.firstSeenAt()), max(a.lastCheckedAt(), b.lastCheckedAt()), current.stamp(),
        Safety.max(a.executingSafety(), b.executingSafety()), Safety.max(a.initiatingSafety(), b.initiatingSafety()),
        a.isFinal() || b.isFinal(), Math.max(a.flips(), b.flips()), accessList(a.accessList(), b.accessList()));
    // Returning an argument when nothing changed lets callers detect no-op writes by identity and keeps one copy.
    if (merged.equals(a)) {
      return a;
    }
    return merged.equals(b) ? b : merged;
  }

  private static void requireSameFacts(MessageRecord a, MessageRecord b) {
    if (!a.key().equals(b.key())) {
      throw new IllegalArgumentException("cannot merge records of different messages: " + a.key() + ", " + b.key());
    }
    List<String> differing = new ArrayList<>();
    if (a.executingBlockNumber() != b.executingBlockNumber()) {
      differing.add("executingBlockNumber");
    }
    if (!a.executingTxHash().equals(b.executingTxHash())) {
      differing.add("executingTxHash");
    }
    if (a.executingTimestamp() != b.executingTimestamp()) {
      differing.add("executingTimestamp");
    }
    if (!Objects.equals(a.msgHash(), b.msgHash())) {
      differing.add("msgHash");
    }
    if (!Objects.equals(a.identifier(), b.identifier())) {
      differing.add("identifier");
    }
    if (!differing.isEmpty()) {
      throw new ConflictingFacts(a.key(), differing);
    }
  }

  private static AccessListCheck accessList(AccessListCheck a, AccessListCheck b) {
    if (a == AccessListCheck.UNCHECKED) {
      return b;
    }
    if (b == AccessListCheck.UNCHECKED) {
      return a;
    }
    return a.wireName().compareTo(b.wireName()) >= 0 ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
