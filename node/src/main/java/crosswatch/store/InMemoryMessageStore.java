package crosswatch.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A message store in this process only: for tests of everything above the store. */
public final class InMemoryMessageStore implements MessageStore {
  private final ConcurrentHashMap<MessageKey, MessageRecord> records = new ConcurrentHashMap<>();
  private final MessageIndex index = new MessageIndex();

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    MessageRecord merged = records.merge(update.key(), update, Merge::merge);
    index.add(merged);
    return merged;
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }

  @Override
  public MessagePage query(MessageQuery query) {
    return index.query(query);
  }

  @Override
  public List<MessageRecord> pending() {
    return index.pending();
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return index.executedIn(executingChainId, fromBlock, toBlock);
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return index.initiatedIn(initiatingChainId, fromBlock, toBlock);
  }

  @Override
  public long size() {
    return records.size();
  }
}
