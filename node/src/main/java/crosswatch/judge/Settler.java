package crosswatch.judge;

import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Moves messages forward as chains' heads pass their blocks: raises their safeties, and hands a message whose
 * verdict may now become final back to judging (a frozen verdict must rest on blocks fetched after finality).
 */
final class Settler {
  private final MessageStore store;
  private final ChainHeads heads;
  private final StatusWriter writer;
  private final HybridClock clock;
  private final LongPredicate watched;
  private final Consumer<Collection<MessageRecord>> rejudge;

  /**
   * @param watched whether a chain is watched (its blocks can be read)
   * @param rejudge hands messages back to judging
   */
  Settler(MessageStore store, ChainHeads heads, StatusWriter writer, HybridClock clock, LongPredicate watched,
          Consumer<Collection<MessageRecord>> rejudge) {
    this.store = store;
    this.heads = heads;
    this.writer = writer;
    this.clock = clock;
    this.watched = watched;
    this.rejudge = rejudge;
  }

  /** Shares the chain's new heads; when safe or finalized moved, settles the messages whose blocks they passed. */
  void headsMoved(ChainHead head) {
    Optional<ChainHead> before = heads.of(head.chainId());
    heads.put(head);
    if (before.isPresent() && before.get().safe().equals(head.safe())
        && before.get().finalized().equals(head.finalized())) {
      return;
    }
    long chainId = head.chainId();
    var passed = new ArrayList<MessageRecord>(store.executedIn(chainId, 0, head.safe().number()));
    if (watched.test(chainId)) {
      passed.addAll(store.initiatedIn(chainId, 0, head.safe().number()));
    }
    settleDue(passed);
  }

  /** Settles those of {@code records} that the current heads have passed. */
  void settleDue(Collection<MessageRecord> records) {
    var rejudged = new ArrayList<MessageRecord>();
    var raised = new ArrayList<MessageKey>();
    for (MessageRecord r : records) {
      if (r.isFinal() || r.status() == Status.REORGED) {
        continue;
      }
      Safety executing = Settling.executing(r, heads.of(r.key().executingChainId()));
      Safety initiating = Settling.initiating(r, heads.of(r.initiatingChainId()));
      boolean finalizable = Settling.finalizable(r, executing, initiating, watched.test(r.initiatingChainId()));
      if (finalizable && !Settling.isMalformed(r)) {
        rejudged.add(r);
      } else if (finalizable || executing.compareTo(r.executingSafety()) > 0
          || initiating.compareTo(r.initiatingSafety()) > 0) {
        raised.add(r.key());
      }
    }
    writer.update(raised, r -> Settling.raised(r, heads.of(r.key().executingChainId()),
        heads.of(r.initiatingChainId()), clock.after(r.stamp())));
    rejudge.accept(rejudged);
  }
}
