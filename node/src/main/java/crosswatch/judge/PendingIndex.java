package crosswatch.judge;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Messages waiting for a block of one initiating chain, by that block's number, so that a new scanned head
 * releases exactly the messages it concerns: no message is polled for. One entry per message, the latest kept.
 */
final class PendingIndex {
  private final TreeMap<Long, Map<MessageKey, MessageRecord>> byBlock = new TreeMap<>();
  private final Map<MessageKey, Long> blockOf = new HashMap<>();

  /** The initiating block number a message points at; beyond any chain's reach when it does not fit a long. */
  static long initiatingBlock(MessageRecord record) {
    var number = record.identifier().blockNumber();
    return number.bitLength() < 64 ? number.longValue() : Long.MAX_VALUE;
  }

  void add(MessageRecord record) {
    long block = initiatingBlock(record);
    Long previous = blockOf.put(record.key(), block);
    if (previous != null && previous != block) {
      remove(record.key(), previous);
    }
    byBlock.computeIfAbsent(block, b -> new LinkedHashMap<>()).put(record.key(), record);
  }

  /** Removes and returns every message waiting for a block at or below {@code scanned}. */
  List<MessageRecord> release(long scanned) {
    var released = new ArrayList<MessageRecord>();
    var due = byBlock.headMap(scanned, true);
    due.values().forEach(waiting -> released.addAll(waiting.values()));
    due.clear();
    released.forEach(r -> blockOf.remove(r.key()));
    return released;
  }

  int size() {
    return blockOf.size();
  }

  private void remove(MessageKey key, long block) {
    Map<MessageKey, MessageRecord> waiting = byBlock.get(block);
    if (waiting != null) {
      waiting.remove(key);
      if (waiting.isEmpty()) {
        byBlock.remove(block);
      }
    }
  }
}
