package crosswatch.store;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A message store in this process only: for tests of everything above the store. */
public final class InMemoryMessageStore extends IndexedMessageStore {
  private final ConcurrentHashMap<MessageKey, MessageRecord> records = new ConcurrentHashMap<>();

  /** A store of a deployment of one site. */
  public InMemoryMessageStore() {
    this("");
  }

  /** A store of site {@code site}, whose records it hands out seen from there. */
  public InMemoryMessageStore(String site) {
    super(site);
  }

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return Optional.ofNullable(local(records.get(key)));
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    MessageRecord merged = records.merge(update.key(), local(update), Merge::merge);
    index.add(merged);
    return local(merged);
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
