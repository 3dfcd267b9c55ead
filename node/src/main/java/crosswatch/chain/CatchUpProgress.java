package crosswatch.chain;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs, every few seconds while a chain is behind, how far scanning is and how fast it goes. */
final class CatchUpProgress {
  private static final Logger log = LoggerFactory.getLogger(CatchUpProgress.class);

  private final long chainId;
  private final long intervalNanos;
  private long lastNanos = System.nanoTime();
  private long lastBlock = -1;

  CatchUpProgress(long chainId, Duration interval) {
    this.chainId = chainId;
    this.intervalNanos = interval.toNanos();
  }

  void scanned(long block, long head) {
    long now = System.nanoTime();
    if (lastBlock < 0 || block < lastBlock) {
      lastBlock = block;
      lastNanos = now;
      return;
    }
    long elapsed = now - lastNanos;
    if (elapsed < intervalNanos) {
      return;
    }
    if (head > block) {
      long perSecond = (block - lastBlock) * 1_000_000_000L / elapsed;
      log.info("catch-up progress chainId={} scannedBlock={} headBlock={} remainingBlocks={} blocksPerSecond={}",
          chainId, block, head, head - block, perSecond);
    }
    lastBlock = block;
    lastNanos = now;
  }
}
