package crosswatch.bench;

import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import crosswatch.testkit.ForwardingMessageStore;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory store that notes when each message was first stored with a verdict (nanoTime). */
final class JudgedAt extends ForwardingMessageStore {
  private final Map<MessageKey, Long> judgedAt = new ConcurrentHashMap<>();

  JudgedAt() {
    super(new InMemoryMessageStore());
  }

  Optional<Long> judgedAt(MessageKey key) {
    return Optional.ofNullable(judgedAt.get(key));
  }

  private void note(MessageRecord record) {
    if (record.status() == Status.VALID || record.status() == Status.INVALID) {
      judgedAt.putIfAbsent(record.key(), System.nanoTime());
    }
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    MessageRecord merged = super.merge(update);
    note(merged);
    return merged;
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }

  @Override
  public void mergeEach(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }
}
