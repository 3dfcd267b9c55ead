package crosswatch.devnet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The initiating logs the traffic generator may point at, per chain; shared by the chains' emitter threads. */
final class LogPool {
  private final int capacity;
  private final Map<Long, Deque<InitiatingLog>> recent = new LinkedHashMap<>();
  private final Map<Long, List<InitiatingLog>> ancient = new LinkedHashMap<>();

  LogPool(List<Long> chainIds, int capacity) {
    this.capacity = capacity;
    chainIds.forEach(id -> {
      recent.put(id, new ArrayDeque<>());
      ancient.put(id, List.of());
    });
  }

  synchronized void addAncient(long chainId, List<InitiatingLog> logs) {
    List<InitiatingLog> all = new ArrayList<>(ancient.get(chainId));
    all.addAll(logs);
    ancient.put(chainId, List.copyOf(all));
  }

  /** Adds the newest logs, dropping the oldest beyond the capacity. */
  synchronized void addRecent(long chainId, List<InitiatingLog> logs) {
    Deque<InitiatingLog> chainLogs = recent.get(chainId);
    chainLogs.addAll(logs);
    while (chainLogs.size() > capacity) {
      chainLogs.removeFirst();
    }
  }

  synchronized List<ChainLogs> snapshot() {
    return recent.keySet().stream()
        .map(id -> new ChainLogs(id, List.copyOf(recent.get(id)), ancient.get(id)))
        .toList();
  }
}
