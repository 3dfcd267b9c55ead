package crosswatch.chain;

import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.LogsBloom;
import java.util.Objects;

/**
 * The parts of a block header the scanner needs: where it sits, what it follows, when it was made, and the bloom
 * of its logs, against which every logs answer about the block is checked.
 */
record BlockHeader(long number, String hash, String parentHash, long timestamp, LogsBloom logsBloom) {
  BlockHeader {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(logsBloom, "logsBloom");
  }

  BlockRef ref() {
    return new BlockRef(number, hash);
  }

  /** False when the block certainly holds no inbox ExecutingMessage log: nothing needs to be asked about it. */
  boolean mayHoldExecutingMessages() {
    return logsBloom.mayContain(ExecutingMessageDecoder.CROSS_L2_INBOX)
        && logsBloom.mayContain(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC);
  }
}
