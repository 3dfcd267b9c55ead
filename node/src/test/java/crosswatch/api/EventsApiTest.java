package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/v1/events}: a replay of recent changes, then live ones, filtered like the message list. */
class EventsApiTest {
  private RunningApi api;

  @BeforeEach
  void start() throws Exception {
    api = new RunningApi();
  }

  @AfterEach
  void stop() throws Exception {
    api.close();
  }

  private EventStream connect(String query) throws Exception {
    var stream = new EventStream(api.uri("/api/v1/events" + query));
    assertThat(stream.status()).isEqualTo(200);
    assertThat(stream.contentType()).startsWith("text/event-stream");
    return stream;
  }

  @Nested
  class ReplayThenLive {
    /** Written frame by frame, a replay of more than a few dozen changes filled the write queue: 0 arrived. */
    @Test
    void aFullReplayReachesANewClientWholeAndLiveChangesFollowIt() throws Exception {
      for (int i = 0; i < Params.MAX_REPLAY; i++) {
        api.store.merge(Records.record(901, i, 0, 100 + i, 902, Status.PENDING));
      }
      try (var stream = connect("?replay=" + Params.MAX_REPLAY)) {
        assertThat(stream.await(Params.MAX_REPLAY)).hasSize(Params.MAX_REPLAY);

        api.store.merge(Records.rejudged(Records.record(901, 7, 0, 107, 902, Status.PENDING), Status.VALID, 10));

        assertThat(stream.await(Params.MAX_REPLAY + 1).getLast().name()).isEqualTo("verdict");
      }
    }

    @Test
    void aNewClientFirstGetsTheNewestChangesThenEachLiveChangeOnce() throws Exception {
      for (int i = 0; i < 5; i++) {
        api.store.merge(Records.record(901, i, 0, 100 + i, 902, Status.PENDING));
      }
      try (var stream = connect("?replay=3")) {
        var replayed = stream.await(3);
        assertThat(replayed).extracting(e -> e.data().get("message").get("executingBlockNumber").asString())
            .containsExactly("2", "3", "4");
        assertThat(replayed).extracting(EventStream.Event::name).containsOnly("new");

        MessageRecord r = Records.record(901, 4, 0, 104, 902, Status.PENDING);
        api.store.merge(Records.rejudged(r, Status.INVALID, 10));

        var live = stream.await(4).get(3);
        assertThat(live.name()).isEqualTo("verdict");
        assertThat(live.data().get("kind").asString()).isEqualTo("verdict");
        assertThat(live.data().get("previousStatus").asString()).isEqualTo("pending");
        assertThat(live.data().get("message").get("status").asString()).isEqualTo("invalid");
        assertThat(live.id()).isEqualTo(live.data().get("id").asString());
      }
    }

    @Test
    void aWriteThatChangesNothingOrOnlyTheCheckTimeSendsNoEvent() throws Exception {
      MessageRecord r = Records.record(901, 1, 0, 100, 902, Status.PENDING);
      api.store.merge(r);
      try (var stream = connect("")) {
        stream.await(1);
        api.store.merge(r);
        api.store.merge(Records.rejudged(r, Status.PENDING, 10));
        api.store.merge(Records.record(901, 2, 0, 101, 902, Status.VALID));

        assertThat(stream.await(2)).extracting(e -> e.data().get("message").get("executingBlockNumber").asString())
            .containsExactly("1", "2");
      }
    }

    @Test
    void aSaferExecutingBlockIsASafetyEventAndAFrozenVerdictAFinalEvent() throws Exception {
      MessageRecord r = Records.record(901, 1, 0, 100, 902, Status.VALID);
      api.store.merge(r);
      try (var stream = connect("?replay=0")) {
        MessageRecord safe = r.withLifecycle(Safety.SAFE, Safety.SAFE, false, new Stamp(10, "test"));
        api.store.merge(safe);
        api.store.merge(safe.withLifecycle(Safety.FINALIZED, Safety.FINALIZED, true, new Stamp(11, "test")));

        var events = stream.await(2);
        assertThat(events).extracting(EventStream.Event::name).containsExactly("safety", "final");
        assertThat(events.get(1).data().get("message").get("final").asBoolean()).isTrue();
        assertThat(events.get(1).data().get("message").get("safety").get("executing").asString())
            .isEqualTo("finalized");
      }
    }

    @Test
    void replayZeroSendsOnlyLiveChanges() throws Exception {
      api.store.merge(Records.record(901, 1, 0, 100, 902, Status.VALID));
      try (var stream = connect("?replay=0")) {
        api.store.merge(Records.record(901, 2, 0, 101, 902, Status.VALID));

        assertThat(stream.await(1).getFirst().data().get("message").get("executingBlockNumber").asString())
            .isEqualTo("2");
      }
    }
  }

  @Nested
  class Filters {
    @Test
    void onlyMatchingChangesAreSentInReplayAndLive() throws Exception {
      api.store.merge(Records.record(901, 1, 0, 100, 902, Status.INVALID));
      api.store.merge(Records.record(902, 2, 0, 101, 901, Status.INVALID));
      try (var stream = connect("?status=invalid&executingChainId=902")) {
        api.store.merge(Records.record(901, 3, 0, 102, 902, Status.INVALID));
        api.store.merge(Records.record(902, 4, 0, 103, 901, Status.VALID));
        api.store.merge(Records.record(902, 5, 0, 104, 901, Status.INVALID));

        assertThat(stream.await(2)).extracting(e -> e.data().get("message").get("executingBlockNumber").asString())
            .containsExactly("2", "5");
      }
    }

    @Test
    void aClientThatLeavesDoesNotDisturbTheOthers() throws Exception {
      var stream = connect("");
      stream.close();
      api.store.merge(Records.record(901, 1, 0, 100, 902, Status.VALID));
      try (var other = connect("")) {
        assertThat(other.await(1)).hasSize(1);
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/healthz").status() == 200);
    }
  }

  @Nested
  class BadParameters {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replay=-1 | replay",
        "replay=1001 | replay",
        "replay=x | replay",
        "limit=5 | limit",
        "cursor=abc | cursor",
        "status=nope | status",
        "reason=nope | reason",
        "since=x | since",
        "txHash=0x1 | txHash",
    })
    void everyBadParameterIs400NamingIt(String query, String parameter) {
      var response = api.get("/api/v1/events?" + query);
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.json().get("parameter").asString()).isEqualTo(parameter);
    }
  }
}
