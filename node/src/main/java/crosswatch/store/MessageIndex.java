package crosswatch.store;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The newest-first order of message records, kept in memory beside a store so that queries walk from a cursor
 * instead of sorting every record. A record's position (executing timestamp, key) is made of immutable facts, so
 * it never moves; only the record stored at it changes.
 *
 * <p>Updates are merged in with {@link Merge}, never assigned: because the merge is a join, the index ends equal
 * to the store whatever order, duplication or replay the updates arrive in, and feeding it the whole store again
 * (to catch writes that fired no event) is always safe.
 */
public final class MessageIndex {

  /** Newest executing timestamp first, then by key: {@link MessageCursor#NEWEST_FIRST} without the lambdas. */
  private record Position(long executingTimestamp, MessageKey key) implements Comparable<Position> {
    @Override
    public int compareTo(Position o) {
      int byTime = Long.compare(o.executingTimestamp, executingTimestamp);
      return byTime != 0 ? byTime : key.compareTo(o.key);
    }
  }

  private final ConcurrentSkipListMap<Position, MessageRecord> records = new ConcurrentSkipListMap<>();
  private final MessageEvents events = new MessageEvents();

  /** Every change of an indexed record, published once per actual change (a replay that adds nothing is silent). */
  public MessageEvents events() {
    return events;
  }

  /** Merges {@code record} into the index; returns whether that changed what the index holds. */
  public boolean add(MessageRecord record) {
    var position = new Position(record.executingTimestamp(), record.key());
    // A compare-and-set loop rather than merge(): the change is published exactly once, with what it replaced.
    while (true) {
      MessageRecord before = records.get(position);
      MessageRecord after = Merge.merge(before, record);
      if (after == before) {
        return false;
      }
      boolean stored = before == null ? records.putIfAbsent(position, after) == null
          : records.replace(position, before, after);
      if (stored) {
        events.publish(before, after);
        return true;
      }
    }
  }

  /** Forgets a record that left the store (a final record that expired). */
  public void remove(MessageRecord record) {
    MessageRecord removed = records.remove(new Position(record.executingTimestamp(), record.key()));
    if (removed != null) {
      events.publish(removed, null);
    }
  }

  public MessagePage query(MessageQuery query) {
    NavigableMap<Position, MessageRecord> from = query.after() == null
        ? records
        : records.tailMap(new Position(query.after().executingTimestamp(), query.after().key()), false);
    List<MessageRecord> page = new ArrayList<>(query.limit() + 1);
    for (MessageRecord r : from.values()) {
      if (query.isPastEnd(r)) {
        break;
      }
      if (query.matches(r)) {
        page.add(r);
        if (page.size() > query.limit()) {
          List<MessageRecord> items = page.subList(0, query.limit());
          return new MessagePage(items, MessageCursor.of(items.getLast()));
        }
      }
    }
    return new MessagePage(page, null);
  }

  /** A filter on the facts: records whose identifier points into a range of one initiating chain's blocks. */
  static Predicate<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock) {
    BigInteger from = BigInteger.valueOf(fromBlock);
    BigInteger to = BigInteger.valueOf(toBlock);
    return r -> r.initiatingChainId() == initiatingChainId
        && r.identifier().blockNumber().compareTo(from) >= 0 && r.identifier().blockNumber().compareTo(to) <= 0;
  }

  /** Full scans, newest first: for rare questions (a restart, a reorg), not for the API's pages. */
  List<MessageRecord> select(Predicate<MessageRecord> filter) {
    return records.values().stream().filter(filter).toList();
  }

  public long size() {
    return records.size();
  }
}
