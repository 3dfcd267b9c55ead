package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageCounts;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/series} (messages per step by status) and the summary's detection delays. */
class SeriesApiTest {
  private final StubNode node = new StubNode(64);
  private RunningApi api;

  @BeforeEach
  void start() throws Exception {
    api = new RunningApi(node);
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  private static long secondsAgo(long seconds) {
    return Instant.now().getEpochSecond() - seconds;
  }

  /** The drawn chart's view of an answer: bucket start (unix seconds) to its non-zero counts by status. */
  private static Map<Long, Map<String, Long>> nonZero(JsonNode series) {
    var buckets = new TreeMap<Long, Map<String, Long>>();
    series.get("buckets").forEach(bucket -> bucket.get("counts").properties().forEach(count -> {
      if (count.getValue().asLong() > 0) {
        buckets.computeIfAbsent(Instant.parse(bucket.get("start").asString()).getEpochSecond(), s -> new TreeMap<>())
            .put(count.getKey(), count.getValue().asLong());
      }
    }));
    return buckets;
  }

  /** The start of the bucket of {@code series} that holds {@code timestamp}. */
  private static long bucketOf(JsonNode series, long timestamp) {
    long step = series.get("stepSeconds").asLong();
    long start = Instant.parse(series.get("start").asString()).getEpochSecond();
    return start + Math.floorDiv(timestamp - start, step) * step;
  }

  @Nested
  class Buckets {
    @Test
    void theDefaultIsAnHourOfMinutesEndingWithTheMinuteHoldingNowEveryStatusPresent() {
      JsonNode series = api.get("/api/v1/series").json();

      assertThat(series.get("stepSeconds").asLong()).isEqualTo(60);
      assertThat(series.get("buckets").size()).isEqualTo(60);
      JsonNode last = series.get("buckets").get(59);
      long lastStart = Instant.parse(last.get("start").asString()).getEpochSecond();
      assertThat(Instant.now().getEpochSecond() - lastStart).isBetween(0L, 60L);
      assertThat(lastStart % 60).isZero();
      assertThat(last.get("counts").propertyNames()).containsExactly("pending", "valid", "invalid", "reorged");
    }

    @Test
    void eachMessageIsCountedInTheStepOfItsExecutingBlockUnderItsCurrentStatus() {
      long now = secondsAgo(0);
      long tenMinutesAgo = secondsAgo(600);
      api.store.merge(Records.record(901, 1, 0, now, 902, Status.VALID));
      api.store.merge(Records.record(901, 2, 0, now, 902, Status.INVALID));
      MessageRecord judgedLater = Records.record(902, 3, 0, tenMinutesAgo, 901, Status.PENDING);
      api.store.merge(judgedLater);
      api.store.merge(Records.record(902, 4, 0, secondsAgo(7200), 901, Status.VALID));

      JsonNode before = api.get("/api/v1/series").json();
      api.store.merge(Records.rejudged(judgedLater, Status.INVALID, 10));
      JsonNode after = api.get("/api/v1/series?window=60m&step=1m").json();

      assertThat(nonZero(before)).isEqualTo(Map.of(bucketOf(before, now), Map.of("valid", 1L, "invalid", 1L),
          bucketOf(before, tenMinutesAgo), Map.of("pending", 1L)));
      assertThat(nonZero(after)).isEqualTo(Map.of(bucketOf(after, now), Map.of("valid", 1L, "invalid", 1L),
          bucketOf(after, tenMinutesAgo), Map.of("invalid", 1L)));
    }

    @Test
    void longerStepsAreAlignedToTheStepAndAddTheirMinutesUp() {
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        times.add(secondsAgo(i * 250L));
        api.store.merge(Records.record(901, 10 + i, 0, times.getLast(), 902, Status.VALID));
      }

      JsonNode series = api.get("/api/v1/series?window=2h&step=10m").json();

      assertThat(series.get("stepSeconds").asLong()).isEqualTo(600);
      assertThat(series.get("buckets").size()).isEqualTo(12);
      assertThat(Instant.parse(series.get("start").asString()).getEpochSecond() % 600).isZero();
      var expected = new TreeMap<Long, Map<String, Long>>();
      times.forEach(t -> expected.merge(bucketOf(series, t), Map.of("valid", 1L),
          (a, b) -> Map.of("valid", a.get("valid") + 1)));
      assertThat(nonZero(series)).isEqualTo(expected);
    }
  }

  @Nested
  class BadParameters {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "window=0m | window", "window=25h | window", "window=90s | window", "window=abc | window", "window=1d | window",
        "window=9999999999999999999m | window", "step=0m | step", "step=2h | step", "step=30s | step",
        "step=1 | step", "window=1h&step=7m | window", "windows=1h | windows", "step=1m&step=2m | step"})
    void areRefusedNamingTheParameter(String query, String parameter) {
      var response = api.get("/api/v1/series?" + query);

      assertThat(response.status()).isEqualTo(400);
      JsonNode error = response.json();
      assertThat(error.propertyNames()).containsExactlyInAnyOrder("error", "parameter");
      assertThat(error.get("parameter").asString()).isEqualTo(parameter);
    }
  }

  @Nested
  class DetectionDelays {
    private MessageRecord judged(long block, Duration after, Status verdict) {
      MessageRecord found = Records.record(901, block, 0, secondsAgo(5), 902, Status.PENDING);
      return found.withStatus(verdict, verdict == Status.INVALID ? crosswatch.protocol.Reason.LOG_MISSING : null,
          found.firstSeenAt().plus(after), new Stamp(5, "judge"));
    }

    @Test
    void eachJudgedMessageIsCountedUnderItsFirstVerdictsDelayAndPendingOnesNowhere() {
      api.store.merge(judged(1, Duration.ofMillis(30), Status.VALID));
      api.store.merge(judged(2, Duration.ofMillis(50), Status.INVALID));
      api.store.merge(judged(3, Duration.ofMinutes(2), Status.VALID));
      api.store.merge(Records.record(901, 4, 0, secondsAgo(5), 902, Status.PENDING));

      JsonNode delays = api.get("/api/v1/summary").json().get("detectionDelays");

      assertThat(delays.size()).isEqualTo(MessageCounts.DELAY_BUCKETS.size() + 1);
      var counts = new TreeMap<String, Long>();
      delays.forEach(d -> counts.put(d.get("upToSeconds").isNull() ? "+Inf" : d.get("upToSeconds").asString(),
          d.get("count").asLong()));
      assertThat(counts).containsEntry("0.05", 2L).containsEntry("+Inf", 1L).containsEntry("0.025", 0L);
      assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
      assertThat(delays.get(0).get("upToSeconds").asDouble()).isEqualTo(0.01);
    }
  }
}
