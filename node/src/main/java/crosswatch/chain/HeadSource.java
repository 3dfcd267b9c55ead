package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Instant;
import java.util.List;

/** News of a chain's head: new-heads notifications for ws(s) endpoints, polling for http(s). */
interface HeadSource extends AutoCloseable {

  /** A head header and when it reached this node. */
  record Seen(BlockHeader header, Instant at) {}

  /** Waits for news of the head; returns the headers learnt, oldest first, at least one. */
  List<Seen> next() throws ChainUnavailable, InterruptedException;

  @Override
  void close();
}
