package crosswatch.judge;

import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Moves messages forward as chains' heads pass their blocks: raises their safeties, and hands a message whose
 * verdict may now become final back to judging (a frozen verdict must rest on blocks read after finality; see
 * {@link Finality}).
 */
final class SafetyRaiser {
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
  SafetyRaiser(MessageStore store, ChainHeads heads, StatusWriter writer, HybridClock clock, LongPredicate watched,
               Consumer<Collection<MessageRecord>> rejudge) {
    this.store = store;
    this.heads = heads;
    this.writer = writer;
    this.clock = clock;
    this.watched = watched;
    this.rejudge = rejudge;
  }

  /** Shares the chain's new heads; when safe or finalized moved, raises the messages whose blocks they passed. */
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
    raiseDue(passed);
  }

  /** Raises those of {@code records} that the current heads have passed, and hands back those now due final. */
  void raiseDue(Collection<MessageRecord> records) {
    var rejudged = new ArrayList<MessageRecord>();
    var raised = new ArrayList<MessageKey>();
    for (MessageRecord r : records) {
      if (r.isFinal() || r.status() == Status.REORGED) {
        continue;
      }
      Finality.Heads now = headsOf(r);
      boolean due = Finality.due(r, now);
      if (due && !Finality.isMalformed(r)) {
        rejudged.add(r);
      } else if (due || Finality.raises(r, now)) {
        raised.add(r.key());
      }
    }
    writer.update(raised, r -> Finality.settle(r, Optional.empty(), headsOf(r), clock.after(r.stamp())));
    rejudge.accept(rejudged);
  }

  private Finality.Heads headsOf(MessageRecord r) {
    return new Finality.Heads(heads.of(r.key().executingChainId()), heads.of(r.initiatingChainId()),
        watched.test(r.initiatingChainId()));
  }
}
