package crosswatch.chain;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The headers of the last blocks a chain's scanner passed, by number (a bounded memory, the oldest forgotten first,
 * those above a reorg's ancestor dropped). They were checked as they were scanned (each the parent of the next, logs
 * against their bloom), so the judge reads the logs of an initiating block by the hash found here instead of asking
 * for its header again: one request per initiating block instead of two. Thread-safe: the scanner writes, the judge
 * reads.
 */
final class ScannedHeaders {
  private final int capacity;
  private final TreeMap<Long, BlockHeader> headers = new TreeMap<>();

  ScannedHeaders(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  synchronized void passed(List<BlockHeader> passed) {
    passed.forEach(h -> headers.put(h.number(), h));
    while (headers.size() > capacity) {
      headers.pollFirstEntry();
    }
  }

  synchronized void forgetAbove(long number) {
    headers.tailMap(number, false).clear();
  }

  /** The headers known of these numbers; a number not known is absent. */
  synchronized Map<Long, BlockHeader> at(Collection<Long> numbers) {
    var known = new HashMap<Long, BlockHeader>();
    numbers.forEach(n -> {
      BlockHeader header = headers.get(n);
      if (header != null) {
        known.put(n, header);
      }
    });
    return known;
  }
}
