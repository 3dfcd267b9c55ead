package crosswatch.chain;

import crosswatch.protocol.LogEntry;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One log as a node returned it, checked for shape.
 *
 * @param blockTimestamp present when the node includes it in logs (newer nodes do): it saves a header fetch
 */
record ChainLog(long blockNumber, String blockHash, OptionalLong blockTimestamp, String transactionHash,
                long logIndex, String address, List<String> topics, String data) {
  ChainLog {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(blockTimestamp, "blockTimestamp");
    Objects.requireNonNull(transactionHash, "transactionHash");
    Objects.requireNonNull(address, "address");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
  }

  LogEntry entry() {
    return new LogEntry(address, topics, data, logIndex);
  }
}
