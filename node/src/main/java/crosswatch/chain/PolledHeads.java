package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Asks for the latest header: the first time at once, then at the pace blocks come. After a new head it waits
 * for a little less than the time blocks have been taking, then asks every poll interval until the next one is
 * there, so a chain with steady blocks costs about one request per block while a new block is still seen within
 * a poll interval of arriving.
 */
final class PolledHeads implements HeadSource {
  /** How much of the usual time between blocks passes before the next block is asked for. */
  private static final double EARLY = 0.97;

  private final ChainRpc rpc;
  private final Duration interval;
  private final BlockPace pace = new BlockPace();
  private boolean first = true;
  private boolean sawNew;

  PolledHeads(ChainRpc rpc, Duration interval) {
    this.rpc = rpc;
    this.interval = interval;
  }

  @Override
  public List<Seen> next() throws ChainUnavailable, InterruptedException {
    if (!first) {
      Thread.sleep(sawNew ? pace.untilNext(System.nanoTime(), EARLY, interval) : interval);
    }
    first = false;
    BlockHeader head = rpc.latestHeader();
    sawNew = pace.seen(head.number(), System.nanoTime());
    return List.of(new Seen(head, Instant.now()));
  }

  @Override
  public void close() {
  }
}
