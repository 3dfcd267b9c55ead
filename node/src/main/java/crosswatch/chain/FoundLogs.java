package crosswatch.chain;

import crosswatch.judge.FoundLog;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Inbox logs as the judge receives them: each with its executing block's timestamp. */
final class FoundLogs {
  private FoundLogs() {}

  /** @param blocks the headers of every block the logs are in */
  static List<FoundLog> of(List<ChainLog> logs, List<BlockHeader> blocks) {
    Map<String, Long> timestamps = blocks.stream()
        .collect(Collectors.toMap(BlockHeader::hash, BlockHeader::timestamp, (a, b) -> a));
    return logs.stream()
        .map(l -> new FoundLog(l.blockNumber(), l.blockHash(), timestamps.get(l.blockHash()),
            l.transactionHash(), l.logIndex(), l.topics(), l.data()))
        .toList();
  }
}
