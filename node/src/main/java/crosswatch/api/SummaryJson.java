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
 * included), per executing chain, initiating chain, status and safety (only combinations that occur), and by
 * detection delay.
 *
 * @param flips changes between valid and invalid, summed over every message
 * @param detectionDelays messages by the time from their executing block being seen to their first verdict: one
 *     bucket per bound of the detection-delay histogram on /metrics, then one above them all; messages without a
 *     verdict yet are in none
 */
public record SummaryJson(long total, long flips, Map<String, Long> byStatus, Map<String, Long> bySafety,
                          List<CountJson> counts, List<DelayJson> detectionDelays) {

  /**
   * The messages whose detection delay is above the previous bucket's bound and at most this one's.
   *
   * @param upToSeconds null for the last bucket, above every bound
   */
  public record DelayJson(Double upToSeconds, long count) {}

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
    long[] delays = counts.detectionDelays();
    var delayBuckets = new ArrayList<DelayJson>(delays.length);
    for (int i = 0; i < delays.length; i++) {
      delayBuckets.add(new DelayJson(i < MessageCounts.DELAY_BUCKETS.size()
          ? MessageCounts.DELAY_BUCKETS.get(i).toMillis() / 1000.0 : null, delays[i]));
    }
    return new SummaryJson(total, counts.flips(), byStatus, bySafety, rows, delayBuckets);
  }
}
