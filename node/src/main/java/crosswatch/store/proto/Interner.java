package crosswatch.store.proto;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct value among the values read recently, so that records decoded off the wire
 * keep one copy of what they have in common (an initiating chain id, or the block number and timestamp of an
 * initiating block that many messages point into) instead of one each. Bounded: a hostile log can invent any
 * number of values, so the table starts afresh when full; that only costs sharing, never correctness.
 */
final class Interner<T> {
  private final int capacity;
  private final ConcurrentHashMap<T, T> shared = new ConcurrentHashMap<>();

  Interner(int capacity) {
    this.capacity = capacity;
  }

  T share(T value) {
    T known = shared.get(value);
    if (known != null) {
      return known;
    }
    if (shared.size() >= capacity) {
      shared.clear();
    }
    T raced = shared.putIfAbsent(value, value);
    return raced != null ? raced : value;
  }
}
