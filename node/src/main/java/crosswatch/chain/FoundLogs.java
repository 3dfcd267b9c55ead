package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.FoundLog;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Inbox logs as the judge receives them: each with its executing block's timestamp. */
final class FoundLogs {
  private FoundLogs() {}

  static List<FoundLog> of(List<ChainLog> logs, Map<String, Long> timestampsByBlockHash) {
    return logs.stream()
        .map(l -> new FoundLog(l.blockNumber(), l.blockHash(), timestampsByBlockHash.get(l.blockHash()),
            l.transactionHash(), l.logIndex(), l.topics(), l.data()))
        .toList();
  }

  /** Block timestamps of a range's logs: carried by the logs, known from the range ends, or fetched in one batch. */
  static Map<String, Long> timestamps(RangeScan scan, ChainRpc rpc) throws ChainUnavailable {
    var known = new HashMap<String, Long>();
    known.put(scan.first().hash(), scan.first().timestamp());
    known.put(scan.last().hash(), scan.last().timestamp());
    scan.logs().forEach(l -> l.blockTimestamp().ifPresent(t -> known.put(l.blockHash(), t)));
    var missing = new HashSet<String>();
    scan.logs().stream().map(ChainLog::blockHash).filter(h -> !known.containsKey(h)).forEach(missing::add);
    if (!missing.isEmpty()) {
      rpc.headersByHash(missing).forEach((hash, header) -> known.put(hash, header.timestamp()));
    }
    return known;
  }
}
