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
  private final int records;
  private final long[] created;
  private final long[] judged;
  private final CountDownLatch remaining;

  Arrivals(int records) {
    this.records = records;
    this.created = new long[records];
    this.judged = new long[records];
    this.remaining = new CountDownLatch(2 * records);
  }

  /** Starts recording the member's writes. */
  static Arrivals on(ClusterStores member, int records) {
    var arrivals = new Arrivals(records);
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
    if (i >= records) {
      return;
    }
    long[] slot = r.status() == Status.VALID ? judged : created;
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

  /** One line per record: {@code created judged}. */
  void writeTo(Path file) throws IOException {
    Files.write(file, IntStream.range(0, records).mapToObj(i -> created[i] + " " + judged[i]).toList());
  }

  static Arrivals readFrom(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    var arrivals = new Arrivals(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String[] times = lines.get(i).split(" ");
      arrivals.created[i] = Long.parseLong(times[0]);
      arrivals.judged[i] = Long.parseLong(times[1]);
    }
    return arrivals;
  }
}
