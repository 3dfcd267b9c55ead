package crosswatch.bench;

import crosswatch.cluster.ClusterStores;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;

/**
 * When each of the benchmark's records became readable on one member: {@link System#nanoTime()} as the member
 * applied the write (created pending, then modified to valid). Linux's nanoTime is CLOCK_MONOTONIC, one clock for
 * every process on the machine, so arrivals from separate JVMs compare with the writer's start times.
 */
@Listener(observation = Listener.Observation.POST)
public final class Arrivals {
  private final long[] created;
  private final long[] judged;
  private final CountDownLatch remaining;

  /**
   * @param created records whose creation is awaited: numbers {@code 0..created-1}
   * @param judged records whose judging (to valid) is awaited: numbers {@code 0..judged-1}
   */
  Arrivals(int created, int judged) {
    this.created = new long[created];
    this.judged = new long[judged];
    this.remaining = new CountDownLatch(created + judged);
  }

  /** Starts recording the member's writes. */
  static Arrivals on(ClusterStores member, int created, int judged) {
    var arrivals = new Arrivals(created, judged);
    member.cacheManager().getCache(ClusterStores.MESSAGES).addListener(arrivals);
    return arrivals;
  }

  /** The benchmark record number a key stands for (see {@link StoreBenchmark#record}). */
  static int indexOf(MessageKey key, long executingBlockNumber) {
    return (int) ((executingBlockNumber - 1_000_000L) * 4 + key.executingLogIndex());
  }

  @CacheEntryCreated
  @CacheEntryModified
  public void written(CacheEntryEvent<MessageKey, MessageRecord> event) {
    long now = System.nanoTime();
    MessageRecord r = event.getValue();
    int i = indexOf(r.key(), r.executingBlockNumber());
    long[] slot = r.status() == Status.VALID ? judged : created;
    if (i >= slot.length) {
      return;
    }
    synchronized (slot) {
      if (slot[i] == 0) {
        slot[i] = now;
        remaining.countDown();
      }
    }
  }

  void awaitAll(Duration patience) throws InterruptedException {
    if (!remaining.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(remaining.getCount() + " writes never arrived");
    }
  }

  long created(int i) {
    return created[i];
  }

  long judged(int i) {
    return judged[i];
  }

  /** One line per created record: {@code created judged}, judged 0 past the judged ones. */
  void writeTo(Path file) throws IOException {
    Files.write(file, IntStream.range(0, created.length)
        .mapToObj(i -> created[i] + " " + (i < judged.length ? judged[i] : 0)).toList());
  }

  static Arrivals readFrom(Path file, int judged) throws IOException {
    List<String> lines = Files.readAllLines(file);
    var arrivals = new Arrivals(lines.size(), judged);
    for (int i = 0; i < lines.size(); i++) {
      String[] times = lines.get(i).split(" ");
      arrivals.created[i] = Long.parseLong(times[0]);
      if (i < judged) {
        arrivals.judged[i] = Long.parseLong(times[1]);
      }
    }
    return arrivals;
  }
}
