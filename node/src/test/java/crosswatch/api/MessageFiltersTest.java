package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The list's filters beyond status and chains: reason, executing time range and transaction hash. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageFiltersTest {
  private RunningApi api;
  private final List<MessageRecord> records = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    api = new RunningApi();
    for (int i = 0; i < 12; i++) {
      MessageRecord r = Records.record(901, i, 0, 1_000 + i, 902, Status.values()[i % 4]);
      if (i % 8 == 6) {
        r = Records.rejudged(r, Status.INVALID, 10);
      }
      if (i >= 9) {
        r = r.withLifecycle(Safety.values()[i - 9], Safety.UNSAFE, i == 11, new Stamp(20, "test"));
      } else if (i == 1) {
        r = r.withLifecycle(Safety.SAFE, Safety.UNSAFE, false, new Stamp(20, "test"));
      }
      records.add(r);
      api.store.merge(r);
    }
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private List<String> ids(String query) {
    var response = api.get("/api/v1/messages?" + query);
    assertThat(response.status()).as(query).isEqualTo(200);
    return StreamSupport.stream(response.json().get("items").spliterator(), false)
        .map(item -> item.get("id").asString()).toList();
  }

  private List<String> idsOf(java.util.function.Predicate<MessageRecord> which) {
    return records.stream().filter(which)
        .sorted(crosswatch.store.MessageCursor.NEWEST_FIRST).map(r -> r.key().toString()).toList();
  }

  @Nested
  class Reason {
    @Test
    void onlyInvalidMessagesWithThatReasonMatch() {
      assertThat(ids("reason=payload-mismatch"))
          .isNotEmpty()
          .isEqualTo(idsOf(r -> r.reason() == crosswatch.protocol.Reason.PAYLOAD_MISMATCH));
      assertThat(ids("reason=expired")).isEqualTo(idsOf(r -> r.reason() == crosswatch.protocol.Reason.EXPIRED))
          .isNotEmpty();
    }
  }

  @Nested
  class SafetyAndFinality {
    @Test
    void safetyIsTheExecutingBlocks() {
      assertThat(ids("safety=safe")).isEqualTo(idsOf(r -> r.executingSafety() == Safety.SAFE)).hasSize(2);
      assertThat(ids("safety=finalized")).isEqualTo(idsOf(r -> r.executingSafety() == Safety.FINALIZED))
          .hasSize(1);
      assertThat(ids("safety=unsafe")).hasSize(9);
    }

    @Test
    void finalSplitsFrozenVerdictsFromOpenOnes() {
      assertThat(ids("final=true")).isEqualTo(idsOf(MessageRecord::isFinal)).hasSize(1);
      assertThat(ids("final=false")).hasSize(11);
    }

    @Test
    void filtersCombine() {
      assertThat(ids("safety=finalized&final=false")).isEmpty();
      assertThat(ids("safety=finalized&final=true&until=1011&since=1011"))
          .containsExactly(records.get(11).key().toString());
    }
  }

  @Nested
  class TimeRange {
    @Test
    void sinceAndUntilAreInclusiveUnixSeconds() {
      assertThat(ids("since=1003&until=1005"))
          .isEqualTo(idsOf(r -> r.executingTimestamp() >= 1003 && r.executingTimestamp() <= 1005))
          .hasSize(3);
    }

    @Test
    void anIsoInstantMeansTheSameSecond() {
      assertThat(ids("since=1970-01-01T00:16:50Z")).isEqualTo(ids("since=1010")).hasSize(2);
    }

    @Test
    void sinceStillPagesWithACursor() {
      var walked = new ArrayList<String>();
      String cursor = "";
      do {
        JsonNode page = api.get("/api/v1/messages?since=1004&limit=3&cursor=" + cursor).json();
        page.get("items").forEach(item -> walked.add(item.get("id").asString()));
        cursor = page.get("next").isNull() ? null : page.get("next").asString();
      } while (cursor != null);

      assertThat(walked).isEqualTo(idsOf(r -> r.executingTimestamp() >= 1004)).hasSize(8);
    }
  }

  @Nested
  class TransactionHash {
    @Test
    void matchesTheExecutingTransactionWhateverTheCase() {
      String hash = records.get(4).executingTxHash().toString();
      assertThat(ids("txHash=" + hash)).containsExactly(records.get(4).key().toString());
      assertThat(ids("txHash=" + hash.toUpperCase().replace("0X", "0x")))
          .containsExactly(records.get(4).key().toString());
    }
  }

  @Nested
  class BadValues {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "reason=nope | reason",
        "safety=Safe | safety",
        "safety=latest | safety",
        "final=yes | final",
        "final=1 | final",
        "reason=PAYLOAD_MISMATCH | reason",
        "since=yesterday | since",
        "since=99999999999999999999 | since",
        "until=2025-13-01T00:00:00Z | until",
        "since=10&until=9 | until",
        "txHash=0x12 | txHash",
        "txHash=" + "ab" + " | txHash",
        "replay=5 | replay",
        "reason=expired&reason=expired | reason",
    })
    void everyBadFilterIs400NamingIt(String query, String parameter) {
      var response = api.get("/api/v1/messages?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.json().get("parameter").asString()).isEqualTo(parameter);
    }
  }
}
