package crosswatch.api;

import crosswatch.store.MessageCounts;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/summary}: how many messages this replica holds, by status and safety (every value present, zeros
 * included), and per executing chain, initiating chain, status and safety (only combinations that occur).
 *
 * @param flips changes between valid and invalid, summed over every message
 */
public record SummaryJson(long total, long flips, Map<String, Long> byStatus, Map<String, Long> bySafety,
                          List<CountJson> counts) {

  /**
   * One combination's count.
   *
   * @param initiatingChainId null when the message names no chain id that fits a long
   */
  public record CountJson(String executingChainId, String initiatingChainId, String status, String safety,
                          long count) {}

  public static SummaryJson of(MessageCounts counts) {
    var byStatus = new LinkedHashMap<String, Long>();
    for (Status s : Status.values()) {
      byStatus.put(s.wireName(), 0L);
    }
    var bySafety = new LinkedHashMap<String, Long>();
    for (Safety s : Safety.values()) {
      bySafety.put(s.wireName(), 0L);
    }
    var rows = new ArrayList<CountJson>();
    long total = 0;
    for (var e : counts.nonZero().entrySet()) {
      var c = e.getKey();
      long n = e.getValue();
      total += n;
      byStatus.merge(c.status().wireName(), n, Long::sum);
      bySafety.merge(c.safety().wireName(), n, Long::sum);
      rows.add(new CountJson(Long.toString(c.executingChainId()),
          c.initiatingChainId() < 0 ? null : Long.toString(c.initiatingChainId()), c.status().wireName(),
          c.safety().wireName(), n));
    }
    return new SummaryJson(total, counts.flips(), byStatus, bySafety, rows);
  }
}
