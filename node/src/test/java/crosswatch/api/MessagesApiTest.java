package crosswatch.api;

import static crosswatch.api.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagesApiTest {
  private static final long PAGED_CHAIN = 700;
  private static final Comparator<MessageRecord> NEWEST_FIRST =
      Comparator.comparingLong(MessageRecord::executingTimestamp).reversed().thenComparing(r -> r.key().toString());

  private RunningApi api;
  /** What the store holds, tracked independently of the store so expectations do not come from the code under test. */
  private final Map<MessageKey, MessageRecord> records = new LinkedHashMap<>();

  @BeforeAll
  void start() throws Exception {
    api = new RunningApi();
    Status[] statuses = Status.values();
    for (int i = 0; i < 60; i++) {
      // Filter data on 901..903, timestamps with ties so the id tie-break matters.
      put(record(901 + i % 3, 100 + i, i % 4, 1_000 + i / 4, 901 + (i + 1) % 3, statuses[i % statuses.length]));
    }
    for (int i = 0; i < 45; i++) {
      put(record(PAGED_CHAIN, 500 + i / 3, i % 3, 2_000 + i / 5, 901, Status.PENDING));
    }
    for (int i = 0; i < 1_050; i++) {
      put(record(800, 10_000 + i, 0, 5_000 + i, 800, Status.VALID));
    }
  }

  private void put(MessageRecord r) {
    records.put(r.key(), api.store.merge(r));
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private List<String> expectedIds(Predicate<MessageRecord> filter) {
    return records.values().stream().filter(filter).sorted(NEWEST_FIRST).map(r -> r.key().toString()).toList();
  }

  private static List<String> ids(JsonNode page) {
    return StreamSupport.stream(page.get("items").spliterator(), false).map(m -> m.get("id").asString()).toList();
  }

  @Nested
  class Pagination {
    /** Walks every page, re-judging some records of the paged chain between pages (seen and unseen ones). */
    private List<String> walk(String query, int limit, Random random) {
      var seen = new ArrayList<String>();
      String cursor = null;
      int hlc = 10;
      do {
        JsonNode page = api.get("/api/v1/messages?limit=" + limit + query + (cursor == null ? "" : "&cursor=" + cursor))
            .json();
        seen.addAll(ids(page));
        cursor = page.get("next").isNull() ? null : page.get("next").asString();
        List<MessageRecord> paged = records.values().stream()
            .filter(r -> r.key().executingChainId() == PAGED_CHAIN).toList();
        for (int i = 0; i < 4; i++) {
          MessageRecord r = paged.get(random.nextInt(paged.size()));
          put(Records.rejudged(r, Status.values()[random.nextInt(Status.values().length)], hlc++));
        }
      } while (cursor != null);
      return seen;
    }

    @Test
    void walkingAChainsPagesYieldsEveryMessageOnceNewestFirstWhileStatusesChange() {
      List<String> seen = walk("&executingChainId=" + PAGED_CHAIN, 7, new Random(7));

      assertThat(seen).doesNotHaveDuplicates()
          .containsExactlyElementsOf(expectedIds(r -> r.key().executingChainId() == PAGED_CHAIN));
    }

    @Test
    void walkingEverythingWithTheMaximumLimitMissesNothing() {
      List<String> seen = walk("", 1000, new Random(11));

      assertThat(seen).hasSize(records.size()).doesNotHaveDuplicates()
          .containsExactlyElementsOf(expectedIds(r -> true));
    }

    @Test
    void theDefaultLimitIs100AndTheMaximum1000() {
      assertThat(ids(api.get("/api/v1/messages").json())).hasSize(100);
      JsonNode max = api.get("/api/v1/messages?limit=1000").json();
      assertThat(ids(max)).hasSize(1000);
      assertThat(max.get("next").isString()).isTrue();
    }

    @Test
    void theLastPageHasANullNext() {
      JsonNode page = api.get("/api/v1/messages?executingChainId=901&limit=1000").json();

      assertThat(page.get("next").isNull()).isTrue();
      assertThat(ids(page)).hasSize(20);
    }
  }

  @Nested
  class Filters {
    @Test
    void statusAndExecutingChainCombine() {
      JsonNode page = api.get("/api/v1/messages?status=invalid&executingChainId=902&limit=1000").json();

      assertThat(ids(page)).isNotEmpty().containsExactlyElementsOf(expectedIds(
          r -> r.status() == Status.INVALID && r.key().executingChainId() == 902));
      page.get("items").forEach(m -> assertThat(m.get("reason").asString()).isEqualTo("payload-mismatch"));
    }

    @Test
    void initiatingChainFiltersOnTheIdentifiersChainId() {
      assertThat(ids(api.get("/api/v1/messages?initiatingChainId=903&executingChainId=902&limit=1000").json()))
          .isNotEmpty()
          .containsExactlyElementsOf(
              expectedIds(r -> r.initiatingChainId() == 903 && r.key().executingChainId() == 902));
    }

    @Test
    void emptyValuesCountAsAbsent() {
      assertThat(ids(api.get("/api/v1/messages?status=&executingChainId=&initiatingChainId=&limit=&cursor=").json()))
          .hasSize(100);
    }

    @Test
    void aChainWithoutMessagesGivesAnEmptyLastPage() {
      JsonNode page = api.get("/api/v1/messages?executingChainId=12345").json();

      assertThat(page.get("items").isEmpty()).isTrue();
      assertThat(page.get("next").isNull()).isTrue();
    }
  }

  @Nested
  class OneMessage {
    @Test
    void aKnownIdGivesThatMessage() {
      MessageRecord r = records.values().iterator().next();

      JsonNode json = api.get("/api/v1/messages/" + r.key()).json();

      assertThat(json.get("id").asString()).isEqualTo(r.key().toString());
      assertThat(json.get("status").asString()).isEqualTo(r.status().wireName());
    }

    @Test
    void anUnknownIdIs404WithAJsonError() {
      var response = api.get("/api/v1/messages/" + new MessageKey(4242, Records.hash(1), 0));

      assertThat(response.status()).isEqualTo(404);
      assertThat(response.json().get("error").asString()).isEqualTo("not found");
    }
  }

  @Nested
  class Service {
    @Test
    void healthzSaysOk() {
      var response = api.get("/healthz");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.json().get("status").asString()).isEqualTo("ok");
    }

    @Test
    void metricsAreServedAsPrometheusText() {
      api.registry.counter("crosswatch.test.probe").increment();

      var response = api.get("/metrics");

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
      assertThat(response.body()).contains("crosswatch_test_probe_total 1.0");
    }

    @Test
    void metricsAreServedAsOpenMetricsWhenAskedFor() {
      var response = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/metrics"))
          .header("Accept", "application/openmetrics-text; version=1.0.0").build());

      assertThat(response.contentType()).startsWith("application/openmetrics-text");
      assertThat(response.body()).endsWith("# EOF\n");
    }
  }
}
