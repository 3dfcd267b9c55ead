package crosswatch.chain;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What scanning a range of blocks read: every block's header, in order, and the inbox logs the node returned for
 * the blocks whose bloom admits some.
 *
 * @param logsTook how long the node took to answer the logs of several blocks (zero when it was not asked for
 *     them): what tells whether the range is too large for it; waits for retries and rate limits do not count
 */
record RangeScan(List<BlockHeader> headers, List<ChainLog> logs, Duration logsTook) {
  RangeScan {
    headers = List.copyOf(headers);
    logs = List.copyOf(logs);
    if (headers.isEmpty()) {
      throw new IllegalArgumentException("a range holds at least one block");
    }
  }

  BlockHeader first() {
    return headers.getFirst();
  }

  BlockHeader last() {
    return headers.getLast();
  }

  /**
   * Blocks whose bloom says they may hold inbox logs while the answer has none of them: a bloom's false positive,
   * or a node leaving logs out. Each must be confirmed before the scan passes it.
   */
  List<BlockHeader> unexplained() {
    Set<String> withLogs = logs.stream().map(ChainLog::blockHash).collect(Collectors.toSet());
    return headers.stream().filter(h -> h.mayHoldExecutingMessages() && !withLogs.contains(h.hash())).toList();
  }
}
