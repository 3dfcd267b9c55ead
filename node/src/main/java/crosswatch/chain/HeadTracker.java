package crosswatch.chain;

import crosswatch.judge.ChainEvents;
import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.Workers;
import crosswatch.store.ChainHead;
import crosswatch.store.HeadBlock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one chain's {@code latest}, {@code safe} and {@code finalized} heads on its own virtual thread, asking
 * for all three in one batch every interval, and reports each change. Separate from scanning so that the extra
 * round trip never delays finding messages; a failure only delays the next report (the scanner reports outages).
 */
final class HeadTracker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeadTracker.class);

  private final ChainRpc rpc;
  private final Duration interval;
  private Thread thread;

  HeadTracker(ChainRpc rpc, Duration interval) {
    this.rpc = rpc;
    this.interval = interval;
  }

  synchronized void start(ChainEvents events) {
    thread = Thread.ofVirtual().name("heads-" + rpc.chainId()).start(() -> run(events));
  }

  private void run(ChainEvents events) {
    ChainHead last = null;
    int failures = 0;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        ChainHead head = read();
        if (failures > 0) {
          log.info("chain heads available again chainId={} failures={}", rpc.chainId(), failures);
        }
        failures = 0;
        if (!head.equals(last)) {
          events.headsMoved(head);
          last = head;
        }
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      } catch (ChainUnavailable | RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        if (++failures == 1) {
          log.warn("chain heads unavailable chainId={} error={}", rpc.chainId(), e.getMessage());
        }
        try {
          Thread.sleep(interval);
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  private ChainHead read() throws ChainUnavailable {
    List<BlockHeader> tagged = rpc.taggedHeaders();
    return new ChainHead(rpc.chainId(), block(tagged.get(0)), block(tagged.get(1)), block(tagged.get(2)));
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
