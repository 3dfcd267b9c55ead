package crosswatch.judge;

import crosswatch.protocol.AccessList;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.Reason;
import crosswatch.protocol.Verdict;
import crosswatch.store.Hash32;
import crosswatch.store.ChainHead;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.util.List;
import java.util.Optional;

/**
 * Pure steps of a message's lifecycle after its first verdict: how settled its blocks are, when its verdict
 * becomes final, and what its access list says. No I/O, no clock: heads and stamps are given.
 */
final class Settling {
  private Settling() {}

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
  static boolean finalizable(MessageRecord r, Safety executing, Safety initiating, boolean initiatingWatched) {
    boolean needsInitiating = initiatingWatched && !isMalformed(r);
    return r.status() != Status.REORGED && executing == Safety.FINALIZED
        && (!needsInitiating || initiating == Safety.FINALIZED);
  }

  /**
   * {@code judged} (the record after a verdict reached with heads {@code executingHead} and
   * {@code initiatingHead} read before its blocks were fetched) with its safeties raised, and final when both
   * blocks were already finalized and the verdict is valid or invalid.
   */
  static MessageRecord settled(MessageRecord judged, Verdict verdict, Optional<ChainHead> executingHead,
                               Optional<ChainHead> initiatingHead, boolean initiatingWatched, Stamp stamp) {
    Safety e = executing(judged, executingHead);
    Safety i = initiating(judged, initiatingHead);
    boolean decisive = !(verdict instanceof Verdict.Pending);
    return judged.withLifecycle(e, i, decisive && finalizable(judged, e, i, initiatingWatched), stamp);
  }

  /** A message never judged again (malformed) with its safeties raised, final once its executing block is. */
  static MessageRecord raised(MessageRecord r, Optional<ChainHead> executingHead, Optional<ChainHead> initiatingHead,
                              Stamp stamp) {
    Safety e = executing(r, executingHead);
    Safety i = initiating(r, initiatingHead);
    boolean decided = r.status() == Status.VALID || r.status() == Status.INVALID;
    return r.withLifecycle(e, i, isMalformed(r) && decided && finalizable(r, e, i, false), stamp);
  }

  static boolean isMalformed(MessageRecord r) {
    return r.reason() == Reason.MALFORMED_EVENT;
  }

  /** What the executing transaction's declared storage keys under the inbox say about this message. */
  static AccessListCheck accessList(MessageRecord r, List<String> inboxStorageKeys) {
    if (r.msgHash() == null || r.identifier() == null) {
      return AccessListCheck.MISSING;
    }
    return AccessList.confirm(inboxStorageKeys, new ExecutingMessage(Hash32.text(r.msgHash()), r.identifier()));
  }
}
