package crosswatch.testkit;

import crosswatch.store.MessageEvents;
import crosswatch.store.MessageKey;
import crosswatch.store.MessagePage;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A store that hands every call to another: a test store overrides only the calls it watches or delays. */
public abstract class ForwardingMessageStore implements MessageStore {
  private final MessageStore delegate;

  protected ForwardingMessageStore(MessageStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return delegate.find(key);
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    return delegate.merge(update);
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    delegate.mergeAll(updates);
  }

  @Override
  public void mergeEach(Collection<MessageRecord> updates) {
    delegate.mergeEach(updates);
  }

  @Override
  public MessagePage query(MessageQuery query) {
    return delegate.query(query);
  }

  @Override
  public List<MessageRecord> pending() {
    return delegate.pending();
  }

  @Override
  public List<MessageRecord> notFinal() {
    return delegate.notFinal();
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return delegate.executedIn(executingChainId, fromBlock, toBlock);
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return delegate.initiatedIn(initiatingChainId, fromBlock, toBlock);
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public MessageEvents events() {
    return delegate.events();
  }
}
