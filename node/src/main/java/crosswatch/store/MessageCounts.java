package crosswatch.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts of this replica's message records by executing chain, initiating chain, status and safety, plus flips and
 * the oldest pending message per executing chain. Kept up to date from {@link MessageEvents}, so reading them costs
 * nothing per scrape or request. Records are merged in as the index does, so a replayed or late event never moves a
 * record back to an older state; every replica ends with the same counts because it holds the same records.
 */
public final class MessageCounts implements AutoCloseable {

  /**
   * What a record is counted under.
   *
   * @param initiatingChainId -1 when the identifier names no chain id that fits a long
   */
  public record Category(long executingChainId, long initiatingChainId, Status status, String safety) {}

  /** A pending record's place in its chain's queue: oldest first, ties by key. */
  private record Waiting(Instant firstSeenAt, MessageKey key) implements Comparable<Waiting> {
    @Override
    public int compareTo(Waiting o) {
      int byTime = firstSeenAt.compareTo(o.firstSeenAt);
      return byTime != 0 ? byTime : key.compareTo(o.key);
    }
  }

  private final Map<MessageKey, MessageRecord> records = new HashMap<>();
  private final Map<Category, Long> counts = new ConcurrentHashMap<>();
  private final Map<Long, TreeSet<Waiting>> pending = new HashMap<>();
  private long flips;
  private final MessageEvents.Subscription subscription;

  /** Counts what {@code store} holds now and follows its changes until closed. */
  public MessageCounts(MessageStore store) {
    // Subscribe first, then walk: a change landing in between is seen twice, and the merge makes that harmless.
    subscription = store.events().subscribe(change -> add(change.after()));
    MessageCursor after = null;
    do {
      MessagePage page = store.query(new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          MessageQuery.MAX_LIMIT, after));
      page.items().forEach(this::add);
      after = page.next();
    } while (after != null);
  }

  /** The safety a record is counted under. */
  public static String safetyOf(MessageRecord r) {
    return "unsafe";
  }

  /** Every safety level, least settled first. */
  public static List<String> safeties() {
    return List.of("unsafe", "safe", "finalized");
  }

  /** Status changes between valid and invalid, summed over every record. */
  public static int flipsOf(MessageRecord r) {
    int flips = 0;
    Status last = null;
    for (HistoryEntry h : r.history()) {
      if (h.status() == Status.VALID || h.status() == Status.INVALID) {
        flips += last != null && last != h.status() ? 1 : 0;
        last = h.status();
      }
    }
    return flips;
  }

  private synchronized void add(MessageRecord incoming) {
    MessageRecord before = records.get(incoming.key());
    MessageRecord after = Merge.merge(before, incoming);
    if (after == before) {
      return;
    }
    records.put(after.key(), after);
    if (before != null) {
      counts.merge(categoryOf(before), -1L, Long::sum);
      flips -= flipsOf(before);
      if (before.status() == Status.PENDING) {
        queue(before).remove(new Waiting(before.firstSeenAt(), before.key()));
      }
    }
    counts.merge(categoryOf(after), 1L, Long::sum);
    flips += flipsOf(after);
    if (after.status() == Status.PENDING) {
      queue(after).add(new Waiting(after.firstSeenAt(), after.key()));
    }
  }

  private TreeSet<Waiting> queue(MessageRecord r) {
    return pending.computeIfAbsent(r.key().executingChainId(), id -> new TreeSet<>());
  }

  private static Category categoryOf(MessageRecord r) {
    return new Category(r.key().executingChainId(), r.initiatingChainId(), r.status(), safetyOf(r));
  }

  /** How many records fall under {@code category}. */
  public long count(Category category) {
    return counts.getOrDefault(category, 0L);
  }

  /** Every category holding at least one record, in a stable order. */
  public synchronized Map<Category, Long> nonZero() {
    var result = new TreeMap<Category, Long>(java.util.Comparator.comparingLong(Category::executingChainId)
        .thenComparingLong(Category::initiatingChainId).thenComparing(Category::status)
        .thenComparing(Category::safety));
    counts.forEach((category, n) -> {
      if (n > 0) {
        result.put(category, n);
      }
    });
    return result;
  }

  public synchronized long flips() {
    return flips;
  }

  /** When the oldest pending message of {@code executingChainId} was first seen, if any is pending. */
  public synchronized Optional<Instant> oldestPending(long executingChainId) {
    TreeSet<Waiting> queue = pending.get(executingChainId);
    return queue == null || queue.isEmpty() ? Optional.empty() : Optional.of(queue.first().firstSeenAt());
  }

  @Override
  public void close() {
    subscription.close();
  }
}
