package crosswatch.judge;

import java.util.List;
import java.util.Objects;

/**
 * An {@code ExecutingMessage} log of the inbox as scanning found it, not yet decoded.
 *
 * @param blockTimestamp the executing block's timestamp
 */
public record FoundLog(long blockNumber, String blockHash, long blockTimestamp, String transactionHash,
                       long logIndex, List<String> topics, String data) {
  public FoundLog {
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactionHash, "transactionHash");
    topics = List.copyOf(topics);
    Objects.requireNonNull(data, "data");
  }
}
