package crosswatch.api;

import crosswatch.store.MessageCounts;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/series}: the messages this replica holds, by the time of their executing block, counted per step
 * and by status (every status present, zeros included), over the window that ends with the step holding now.
 *
 * @param start the first bucket's start (ISO-8601 UTC); buckets are aligned to the step in unix time
 * @param stepSeconds each bucket's length
 * @param buckets oldest first; the last one holds now and is still filling
 */
public record SeriesJson(String start, long stepSeconds, List<BucketJson> buckets) {

  /** The messages whose executing block's timestamp is in [start, start + step). */
  public record BucketJson(String start, Map<String, Long> counts) {}

  /** A window of {@code steps} steps of {@code stepMinutes} minutes each, the last one holding {@code now}. */
  static SeriesJson of(MessageCounts counts, Instant now, int stepMinutes, int steps) {
    long nowMinute = Math.floorDiv(now.getEpochSecond(), 60);
    long firstMinute = (Math.floorDiv(nowMinute, stepMinutes) - steps + 1) * stepMinutes;
    long[][] perMinute = counts.byMinute(firstMinute, stepMinutes * steps);
    var buckets = new ArrayList<BucketJson>(steps);
    for (int step = 0; step < steps; step++) {
      var byStatus = new LinkedHashMap<String, Long>();
      for (Status status : Status.values()) {
        long n = 0;
        for (int minute = step * stepMinutes; minute < (step + 1) * stepMinutes; minute++) {
          n += perMinute[minute][status.ordinal()];
        }
        byStatus.put(status.wireName(), n);
      }
      buckets.add(new BucketJson(time(firstMinute + (long) step * stepMinutes), byStatus));
    }
    return new SeriesJson(time(firstMinute), stepMinutes * 60L, buckets);
  }

  private static String time(long unixMinute) {
    return Instant.ofEpochSecond(unixMinute * 60).toString();
  }
}
