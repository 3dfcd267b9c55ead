package crosswatch.store;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A message store in this process only: for tests of everything above the store. */
public final class InMemoryMessageStore extends IndexedMessageStore {
  private final ConcurrentHashMap<MessageKey, MessageRecord> records = new ConcurrentHashMap<>();

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
  public long size() {
    return records.size();
  }
}
