package crosswatch.store;

import java.util.List;
import java.util.function.Predicate;

/**
 * The queries every store answers the same way: from a {@link MessageIndex} of its own records. Records are handed
 * out seen from this store's site (see {@link MessageRecord#seenFrom}), so that site's scanner and judge read their
 * own verdicts; pages of the API are handed out as indexed (the API reads what every site agrees on, the same from
 * any site).
 */
abstract class IndexedMessageStore implements MessageStore {
  protected final MessageIndex index = new MessageIndex();
  /** The site this store's records are seen from; empty in a deployment of one site. */
  protected final String site;

  IndexedMessageStore(String site) {
    this.site = site;
  }

  /** {@code r} as this store's site sees it; null stays null. */
  protected final MessageRecord local(MessageRecord r) {
    return r == null ? null : r.seenFrom(site);
  }

  @Override
  public MessagePage query(MessageQuery query) {
    return index.query(query);
  }

  @Override
  public MessageEvents events() {
    return index.events();
  }

  @Override
  public List<MessageRecord> pending() {
    return select(r -> true, r -> r.status() == Status.PENDING);
  }

  @Override
  public List<MessageRecord> notFinal() {
    return select(r -> true, r -> !r.isFinal());
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return select(r -> r.key().executingChainId() == executingChainId && r.executingBlockNumber() >= fromBlock
        && r.executingBlockNumber() <= toBlock, r -> true);
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return select(MessageIndex.initiatedIn(initiatingChainId, fromBlock, toBlock), r -> true);
  }

  /**
   * Full scans, newest first: records whose facts pass {@code byFacts} and which, seen from this site, pass
   * {@code seenHere}. For rare questions (a restart, a reorg, the sweep), not for the API's pages.
   */
  private List<MessageRecord> select(Predicate<MessageRecord> byFacts, Predicate<MessageRecord> seenHere) {
    return index.select(byFacts).stream().map(this::local).filter(seenHere).toList();
  }
}
