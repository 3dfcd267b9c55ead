package crosswatch.bench;

import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageEvents;
import crosswatch.store.MessageKey;
import crosswatch.store.MessagePage;
import crosswatch.store.MessageQuery;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Status;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory store that notes when each message was first stored with a verdict (nanoTime). */
final class JudgedAt implements MessageStore {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final Map<MessageKey, Long> judgedAt = new ConcurrentHashMap<>();

  Optional<Long> judgedAt(MessageKey key) {
    return Optional.ofNullable(judgedAt.get(key));
  }

  private void note(MessageRecord record) {
    if (record.status() == Status.VALID || record.status() == Status.INVALID) {
      judgedAt.putIfAbsent(record.key(), System.nanoTime());
    }
  }

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return store.find(key);
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    MessageRecord merged = store.merge(update);
    note(merged);
    return merged;
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }

  @Override
  public MessagePage query(MessageQuery query) {
    return store.query(query);
  }

  @Override
  public List<MessageRecord> pending() {
    return store.pending();
  }

  @Override
  public List<MessageRecord> notFinal() {
    return store.notFinal();
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return store.executedIn(executingChainId, fromBlock, toBlock);
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return store.initiatedIn(initiatingChainId, fromBlock, toBlock);
  }

  @Override
  public long size() {
    return store.size();
  }

  @Override
  public MessageEvents events() {
    return store.events();
  }
}
