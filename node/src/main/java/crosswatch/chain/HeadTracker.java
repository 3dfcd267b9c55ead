package crosswatch.chain;

import crosswatch.judge.ChainEvents;
import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.Workers;
import crosswatch.store.ChainHead;
import crosswatch.store.HeadBlock;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one chain's {@code latest}, {@code safe} and {@code finalized} heads on its own virtual thread and reports
 * each change. While the scanner follows the head, the latest head comes from it (a new-heads notification or a
 * poll it makes anyway) and costs no request. Safe and finalized move with L1, every few seconds at most, so they
 * are asked for (one batch of two) only every {@code safeInterval}; the latest head is asked for with them when the
 * scanner handed none over since the last time (at the start, while it catches up or waits on a block it cannot
 * confirm), so the shared head and the checkpoint lag stay true. A new latest head is reported at most every
 * {@value #LATEST_EVERY_MS} ms, since every report is a write to the shared heads.
 */
final class HeadTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeadTracker.class);
  private static final long LATEST_EVERY_MS = 1_000;

  private final ChainRpc rpc;
  private final Duration safeInterval;
  private final LinkedBlockingQueue<BlockHeader> latestSeen = new LinkedBlockingQueue<>();
  private Thread thread;

  HeadTracker(ChainRpc rpc, Duration safeInterval) {
    this.rpc = rpc;
    this.safeInterval = safeInterval;
  }

  synchronized void start(ChainEvents events) {
    thread = Thread.ofVirtual().name("heads-" + rpc.chainId()).start(() -> run(events));
  }

  /** The scanner saw this head; never blocks it. */
  void latest(BlockHeader head) {
    latestSeen.add(head);
  }

  private void run(ChainEvents events) {
    HeadBlock latest = null;
    HeadBlock safe = null;
    HeadBlock finalized = null;
    ChainHead reported = null;
    long nextSafeRead = 0;
    long nextLatestReport = 0;
    boolean handedOver = false;
    int failures = 0;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        long now = System.nanoTime();
        if (safe == null || now >= nextSafeRead) {
          try {
            boolean askLatest = !handedOver;
            List<BlockHeader> tagged = askLatest ? rpc.taggedHeaders(List.of("latest", "safe", "finalized"))
                : rpc.taggedHeaders(List.of("safe", "finalized"));
            if (askLatest) {
              latest = block(tagged.removeFirst());
            }
            handedOver = false;
            safe = block(tagged.get(0));
            finalized = block(tagged.get(1));
            if (failures > 0) {
              log.info("chain heads available again chainId={} failures={}", rpc.chainId(), failures);
            }
            failures = 0;
          } catch (ChainUnavailable | RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
              return;
            }
            if (++failures == 1) {
              log.warn("chain heads unavailable chainId={} error={}", rpc.chainId(), e.getMessage());
            }
          }
          nextSafeRead = now + safeInterval.toNanos();
        }
        if (latest != null && safe != null && now >= nextLatestReport) {
          var head = new ChainHead(rpc.chainId(), latest, safe, finalized);
          if (!head.equals(reported)) {
            events.headsMoved(head);
            reported = head;
            nextLatestReport = now + TimeUnit.MILLISECONDS.toNanos(LATEST_EVERY_MS);
          }
        }
        boolean unreported = latest != null && safe != null
            && (reported == null || !reported.latest().equals(latest));
        long until = unreported ? Math.min(nextSafeRead, nextLatestReport) : nextSafeRead;
        BlockHeader seen = latestSeen.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (seen != null) {
          var more = new ArrayList<BlockHeader>();
          latestSeen.drainTo(more);
          latest = block(more.isEmpty() ? seen : more.getLast());
          handedOver = true;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static HeadBlock block(BlockHeader header) {
    return new HeadBlock(header.number(), header.hash(), header.timestamp());
  }

  @Override
  public void close() {
    Thread running;
    synchronized (this) {
      running = thread;
    }
    Workers.stop(running);
  }
}
