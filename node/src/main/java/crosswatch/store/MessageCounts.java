package crosswatch.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts of this replica's message records by executing chain, initiating chain, status and safety (of the agreed
 * verdict), the records whose sites disagree per chain pair, plus flips and the oldest pending message per
 * executing chain. Kept up to date from {@link MessageEvents}, so reading them costs
 * nothing per scrape or request. Records are merged in as the index does, so a replayed or late event never moves a
 * record back to an older state; every replica ends with the same counts because it holds the same records.
 */
public final class MessageCounts implements AutoCloseable {

  /**
   * What a record is counted under.
   *
   * @param initiatingChainId -1 when the identifier names no chain id that fits a long
   */
  public record Category(long executingChainId, long initiatingChainId, Status status, Safety safety) {}

  /**
   * An executing and an initiating chain.
   *
   * @param initiatingChainId -1 when the identifier names no chain id that fits a long
   */
  public record ChainPair(long executingChainId, long initiatingChainId) {}

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
  private final Map<ChainPair, Long> disagreements = new ConcurrentHashMap<>();
  private final Map<Long, TreeSet<Waiting>> pending = new HashMap<>();
  private long flips;
  private final MessageEvents.Subscription subscription;

  /** Counts what {@code store} holds now and follows its changes until closed. */
  public MessageCounts(MessageStore store) {
    // Subscribe first, then walk: a change landing in between is seen twice, and the merge makes that harmless.
    subscription = store.events().subscribe(this::apply);
    MessageCursor after = null;
    do {
      MessagePage page = store.query(new MessageQuery(Optional.empty(), Optional.empty(), Optional.empty(),
          MessageQuery.MAX_LIMIT, after));
      page.items().forEach(this::add);
      after = page.next();
    } while (after != null);
  }

  private void apply(MessageEvents.Change change) {
    if (change.isRemoval()) {
      remove(change.before());
    } else {
      add(change.after());
    }
  }

  private synchronized void add(MessageRecord incoming) {
    MessageRecord before = records.get(incoming.key());
    MessageRecord after = Merge.merge(before, incoming);
    if (after == before) {
      return;
    }
    if (before != null) {
      uncount(before);
    }
    records.put(after.key(), after);
    counts.merge(categoryOf(after), 1L, Long::sum);
    if (after.agreement() == Agreement.DISAGREE) {
      disagreements.merge(pairOf(after), 1L, Long::sum);
    }
    flips += after.agreed().flips();
    if (after.agreed().status() == Status.PENDING) {
      queue(after).add(new Waiting(after.firstSeenAt(), after.key()));
    }
  }

  private synchronized void remove(MessageRecord record) {
    MessageRecord counted = records.remove(record.key());
    if (counted != null) {
      uncount(counted);
    }
  }

  private void uncount(MessageRecord r) {
    counts.merge(categoryOf(r), -1L, Long::sum);
    if (r.agreement() == Agreement.DISAGREE) {
      disagreements.merge(pairOf(r), -1L, Long::sum);
    }
    flips -= r.agreed().flips();
    if (r.agreed().status() == Status.PENDING) {
      queue(r).remove(new Waiting(r.firstSeenAt(), r.key()));
    }
  }

  private TreeSet<Waiting> queue(MessageRecord r) {
    return pending.computeIfAbsent(r.key().executingChainId(), id -> new TreeSet<>());
  }

  private static Category categoryOf(MessageRecord r) {
    SiteVerdict agreed = r.agreed();
    return new Category(r.key().executingChainId(), r.initiatingChainId(), agreed.status(),
        agreed.executingSafety());
  }

  private static ChainPair pairOf(MessageRecord r) {
    return new ChainPair(r.key().executingChainId(), r.initiatingChainId());
  }

  /** How many records of this chain pair hold verdicts of sites that disagree. */
  public long disagreements(ChainPair pair) {
    return disagreements.getOrDefault(pair, 0L);
  }

  /** Every chain pair with records whose sites disagree, and how many. */
  public synchronized Map<ChainPair, Long> disagreements() {
    var result = new HashMap<ChainPair, Long>();
    disagreements.forEach((pair, n) -> {
      if (n > 0) {
        result.put(pair, n);
      }
    });
    return result;
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
