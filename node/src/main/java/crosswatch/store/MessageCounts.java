package crosswatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts of this replica's message records by executing chain, initiating chain, status and safety (of the agreed
 * verdict), the records whose sites disagree per chain pair, plus flips, the oldest pending message per executing
 * chain, records per minute of their executing block by status, and records by detection delay. Kept up to date from
 * {@link MessageEvents}, so reading them costs nothing per scrape or request. Records are merged in as the index
 * does, so a replayed or late event never moves a record back to an older state; every replica ends with the same
 * counts because it holds the same records.
 */
public final class MessageCounts implements AutoCloseable {

  /**
   * The upper bounds detection delays are counted under: the buckets of the detection-delay histogram on
   * {@code /metrics}, so that the status page and Prometheus bin alike.
   */
  public static final List<Duration> DELAY_BUCKETS = List.of(Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60));
  private static final int STATUSES = Status.values().length;

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
  /** Unix minute of the executing block to records per status (by ordinal); minutes without records are absent. */
  private final Map<Long, long[]> byMinute = new HashMap<>();
  /** Records per {@link #DELAY_BUCKETS} entry, and above the last. */
  private final long[] delays = new long[DELAY_BUCKETS.size() + 1];
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
      tally(before, -1);
    }
    records.put(after.key(), after);
    tally(after, 1);
  }

  private synchronized void remove(MessageRecord record) {
    MessageRecord counted = records.remove(record.key());
    if (counted != null) {
      tally(counted, -1);
    }
  }

  /** Counts {@code r} in ({@code sign} 1) or out ({@code sign} -1) of every tally. */
  private void tally(MessageRecord r, int sign) {
    counts.merge(categoryOf(r), (long) sign, Long::sum);
    if (r.agreement() == Agreement.DISAGREE) {
      disagreements.merge(pairOf(r), (long) sign, Long::sum);
    }
    SiteVerdict agreed = r.agreed();
    flips += sign * agreed.flips();
    if (agreed.status() == Status.PENDING) {
      var waiting = new Waiting(r.firstSeenAt(), r.key());
      if (sign > 0) {
        queue(r).add(waiting);
      } else {
        queue(r).remove(waiting);
      }
    }
    long minute = Math.floorDiv(r.executingTimestamp(), 60);
    long[] statuses = byMinute.computeIfAbsent(minute, m -> new long[STATUSES]);
    statuses[agreed.status().ordinal()] += sign;
    if (Arrays.stream(statuses).allMatch(n -> n == 0)) {
      byMinute.remove(minute);
    }
    detectionDelay(r).ifPresent(delay -> delays[delayBucket(delay)] += sign);
  }

  /** From first seen to the first verdict (valid or invalid) in the agreed verdict's history, if it has one. */
  static Optional<Duration> detectionDelay(MessageRecord r) {
    return r.agreed().history().stream().filter(h -> h.status() == Status.VALID || h.status() == Status.INVALID).findFirst()
        .map(h -> Duration.between(r.firstSeenAt(), h.at()));
  }

  /** The index of the first bucket whose bound is at least {@code delay}, or the overflow bucket after them. */
  static int delayBucket(Duration delay) {
    for (int i = 0; i < DELAY_BUCKETS.size(); i++) {
      if (delay.compareTo(DELAY_BUCKETS.get(i)) <= 0) {
        return i;
      }
    }
    return DELAY_BUCKETS.size();
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

  /**
   * Records whose executing block falls in each of {@code minutes} minutes from {@code fromMinute} (unix minutes,
   * block timestamp / 60) on, by status: {@code result[i][status.ordinal()]}.
   */
  public synchronized long[][] byMinute(long fromMinute, int minutes) {
    long[][] result = new long[minutes][STATUSES];
    for (int i = 0; i < minutes; i++) {
      long[] statuses = byMinute.get(fromMinute + i);
      if (statuses != null) {
        result[i] = statuses.clone();
      }
    }
    return result;
  }

  /**
   * Records by detection delay (first seen to first verdict): one count per {@link #DELAY_BUCKETS} bound (delays
   * above the bound before it, up to this one) and a last one above every bound. Records without a verdict yet are
   * not counted.
   */
  public synchronized long[] detectionDelays() {
    return delays.clone();
  }

  @Override
  public void close() {
    subscription.close();
  }
}
