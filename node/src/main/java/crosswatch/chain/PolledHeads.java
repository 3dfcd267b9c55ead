package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Asks for the latest header every poll interval (the first time at once). */
final class PolledHeads implements HeadSource {
  private final ChainRpc rpc;
  private final Duration interval;
  private boolean first = true;

  PolledHeads(ChainRpc rpc, Duration interval) {
    this.rpc = rpc;
    this.interval = interval;
  }

  @Override
  public List<Seen> next() throws ChainUnavailable, InterruptedException {
    if (!first) {
      Thread.sleep(interval);
    }
    first = false;
    BlockHeader head = rpc.latestHeader();
    return List.of(new Seen(head, Instant.now()));
  }

  @Override
  public void close() {
  }
}
