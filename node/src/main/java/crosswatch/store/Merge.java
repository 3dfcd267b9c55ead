package crosswatch.store;

import crosswatch.protocol.AccessListCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reconciles two versions of one message record: the join of a semilattice, so commutative, associative and
 * idempotent, and replicas and sites converge whatever order writes, retries, partition merges and cross-site
 * backups arrive in.
 *
 * <p>Each part of a record is joined on its own, and a product of joins is a join:
 * <ul>
 *   <li>immutable facts must be equal, else {@link ConflictingFacts};
 *   <li>verdicts are joined site by site ({@link SiteVerdict#join}): a site's verdict is only ever changed by that
 *       site, so sites never overwrite each other's. Within one site's verdict the current status, reason and stamp
 *       come from the greater version: a final one beats one that is not (a final verdict is frozen), then the
 *       greater stamp wins; equal stamps (one writer claiming two verdicts at one instant) fall back to the status
 *       and reason wire names, so the choice is still a total order. Final is sticky (or); each block's safety and
 *       the flip count only grow (maximum); histories are unioned, kept sorted, de-duplicated and bounded to the
 *       newest {@link #MAX_HISTORY} entries (keeping the top K of a total order after a union is associative: an
 *       entry in the top K of the whole union is in the top K of every part that contains it);
 *   <li>an access-list result beats unchecked; two different results (which one transaction cannot give) are
 *       ordered by wire name, so the choice is still deterministic;
 *   <li>first-seen takes the minimum, last-checked the maximum.
 * </ul>
 * The result is seen from the site {@code a} is seen from.
 */
public final class Merge {

  /** Histories keep at most this many entries (the newest): a flapping message must not grow without bound. */
  public static final int MAX_HISTORY = 64;

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
    var merged = new MessageRecord(a.key(), a.executingBlockNumber(), a.executingTxHash(), a.executingTimestamp(),
        a.msgHash(), a.identifier(), SiteVerdict.joinAll(a.verdicts(), b.verdicts()),
        min(a.firstSeenAt(), b.firstSeenAt()), max(a.lastCheckedAt(), b.lastCheckedAt()),
        accessList(a.accessList(), b.accessList()), a.site());
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
