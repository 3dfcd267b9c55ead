package crosswatch.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A message store in this process only: for tests of everything above the store. */
public final class InMemoryMessageStore implements MessageStore {
  private final ConcurrentHashMap<MessageKey, MessageRecord> records = new ConcurrentHashMap<>();

  @Override
  public Optional<MessageRecord> find(MessageKey key) {
    return Optional.ofNullable(records.get(key));
  }

  @Override
  public MessageRecord merge(MessageRecord update) {
    return records.merge(update.key(), update, Merge::merge);
  }

  @Override
  public void mergeAll(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }

  @Override
  public MessagePage query(MessageQuery query) {
    List<MessageRecord> page = records.values().stream()
        .filter(query::matches)
        .filter(r -> query.after() == null || query.after().isBefore(r))
        .sorted(MessageCursor.NEWEST_FIRST)
        .limit(query.limit() + 1L)
        .toList();
    if (page.size() <= query.limit()) {
      return new MessagePage(page, null);
    }
    List<MessageRecord> items = page.subList(0, query.limit());
    return new MessagePage(items, MessageCursor.of(items.getLast()));
  }

  @Override
  public List<MessageRecord> pending() {
    return records.values().stream().filter(r -> r.status() == Status.PENDING).toList();
  }

  @Override
  public List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock) {
    return records.values().stream()
        .filter(r -> r.key().executingChainId() == executingChainId)
        .filter(r -> r.executingBlockNumber() >= fromBlock && r.executingBlockNumber() <= toBlock)
        .toList();
  }

  @Override
  public List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    return records.values().stream()
        .filter(r -> r.initiatingChainId() == initiatingChainId)
        .filter(r -> r.identifier().blockNumber().longValue() >= fromBlock
            && r.identifier().blockNumber().bitLength() < 64
            && r.identifier().blockNumber().longValue() <= toBlock)
        .toList();
  }

  @Override
  public long size() {
    return records.size();
  }
}
