package crosswatch.store;

import java.util.List;

/** The queries every store answers the same way: from a {@link MessageIndex} of its own records. */
abstract class IndexedMessageStore implements MessageStore {
  protected final MessageIndex index = new MessageIndex();

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
    return index.pending();
  }

  @Override
  public List<MessageRecord> notFinal() {
    return index.notFinal();
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return index.executedIn(executingChainId, fromBlock, toBlock);
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return index.initiatedIn(initiatingChainId, fromBlock, toBlock);
  }
}
