package crosswatch.judge;

import crosswatch.protocol.Reason;
import crosswatch.protocol.Verdict;
import crosswatch.store.ChainHead;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.util.Optional;

/**
 * The one place that decides how settled a message's blocks are and when its verdict is final. Pure: no I/O, no
 * clock (heads and stamps are given).
 *
 * <p>A verdict is final when both its blocks are finalized (the initiating one only when the verdict depends on
 * it) and it was reached on blocks read after that: so only a verdict reached just now, on blocks read afresh, can
 * be frozen, except a malformed log's, which no block can change.
 */
final class Finality {
  private Finality() {}

  /** The heads of a message's executing and initiating chains, as known when its blocks were read. */
  record Heads(Optional<ChainHead> executing, Optional<ChainHead> initiating, boolean initiatingWatched) {}

  /** The executing block's safety by its chain's heads; unsafe while the heads are unknown. */
  static Safety executing(MessageRecord r, Optional<ChainHead> head) {
    return head.map(h -> h.safetyOf(r.executingBlockNumber())).orElse(Safety.UNSAFE);
  }

  /** The initiating block's safety by its chain's heads; unsafe while unknown or for a number beyond any chain. */
  static Safety initiating(MessageRecord r, Optional<ChainHead> head) {
    if (r.identifier() == null || r.identifier().blockNumber().bitLength() > 63) {
      return Safety.UNSAFE;
    }
    long number = r.identifier().blockNumber().longValueExact();
    return head.map(h -> h.safetyOf(number)).orElse(Safety.UNSAFE);
  }

  /**
   * Whether the message's verdict would be final if reached now: its executing block is finalized, and so is
   * its initiating block unless the verdict cannot depend on it (a malformed log, a chain nobody watches).
   */
  static boolean due(MessageRecord r, Heads heads) {
    return due(r, executing(r, heads.executing()), initiating(r, heads.initiating()), heads.initiatingWatched());
  }

  private static boolean due(MessageRecord r, Safety executing, Safety initiating, boolean initiatingWatched) {
    boolean needsInitiating = initiatingWatched && !isMalformed(r);
    return r.status() != Status.REORGED && executing == Safety.FINALIZED
        && (!needsInitiating || initiating == Safety.FINALIZED);
  }

  /**
   * {@code r} with its safeties raised to what {@code heads} say, and frozen as final when it is {@link #due} and
   * its verdict, valid or invalid, was either {@code reachedNow} on blocks read after {@code heads}, or is a
   * malformed log's.
   */
  static MessageRecord settle(MessageRecord r, Optional<Verdict> reachedNow, Heads heads, Stamp stamp) {
    Safety e = executing(r, heads.executing());
    Safety i = initiating(r, heads.initiating());
    boolean decided = r.status() == Status.VALID || r.status() == Status.INVALID;
    boolean fresh = reachedNow.isPresent() && !(reachedNow.get() instanceof Verdict.Pending) || isMalformed(r);
    return r.withLifecycle(e, i, decided && fresh && due(r, e, i, heads.initiatingWatched()), stamp);
  }

  /** Whether the heads have passed a block of {@code r} further than its record says. */
  static boolean raises(MessageRecord r, Heads heads) {
    return executing(r, heads.executing()).compareTo(r.executingSafety()) > 0
        || initiating(r, heads.initiating()).compareTo(r.initiatingSafety()) > 0;
  }

  static boolean isMalformed(MessageRecord r) {
    return r.reason() == Reason.MALFORMED_EVENT;
  }
}
