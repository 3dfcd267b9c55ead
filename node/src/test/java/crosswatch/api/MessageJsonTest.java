package crosswatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.SiteVerdict;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageJsonTest {
  private static final List<String> MESSAGE_FIELDS = List.of("id", "executingChainId", "executingBlockNumber",
      "executingBlockHash", "executingLogIndex", "executingTxHash", "executingTimestamp", "msgHash", "identifier",
      "status", "reason", "history", "firstSeenAt", "lastCheckedAt", "safety", "final", "flips", "accessList", "sites",
      "agreement");
  private static final String HASH = "0x[0-9a-f]{64}";
  private static final String DECIMAL = "0|[1-9][0-9]*";
  private static final String UTC_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z";
  private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00.250Z");

  private RunningApi api;
  private MessageRecord judgedTwice;
  private MessageRecord hostile;
  private MessageRecord malformed;
  private MessageRecord settled;
  private MessageRecord judgedByTwo;
  private MessageRecord disputed;
  private MessageRecord agreedOn;

  @BeforeAll
  void start() throws Exception {
    api = new RunningApi();
    judgedTwice = Records.rejudged(Records.record(901, 77, 3, 1_700_000_000L, 902, Status.PENDING), Status.VALID, 2);
    hostile = new MessageRecord(new MessageKey(902, Records.hash(5), 0), 5, "0x" + "ab".repeat(32), 1_700_000_100L,
        "0x" + "cd".repeat(32), new Identifier("0x" + "EF".repeat(20), UINT256_MAX, UINT256_MAX, UINT256_MAX,
        UINT256_MAX), Status.INVALID, Reason.UNKNOWN_CHAIN,
        List.of(new HistoryEntry(Status.INVALID, Reason.UNKNOWN_CHAIN, T0)), T0, T0, new Stamp(1, "n"));
    malformed = new MessageRecord(new MessageKey(903, Records.hash(6), 1), 6, Records.hash(7), 1_700_000_200L, null,
        null, Status.INVALID, Reason.MALFORMED_EVENT,
        List.of(new HistoryEntry(Status.INVALID, Reason.MALFORMED_EVENT, T0)), T0, T0, new Stamp(1, "n"));
    settled = Records.rejudged(Records.record(901, 78, 0, 1_700_000_000L, 902, Status.PENDING), Status.VALID, 2)
        .withLifecycle(Safety.FINALIZED, Safety.SAFE, true, new Stamp(9, "n"))
        .withAccessList(AccessListCheck.MISMATCH);
    // Found and judged by two replicas (a hot standby): each stored its own pending and valid entry.
    judgedByTwo = new MessageRecord(new MessageKey(901, Records.hash(8), 0), 8, Records.hash(9), 1_700_000_300L,
        Records.hash(10), judgedTwice.identifier(), Status.VALID, null, List.of(
            new HistoryEntry(Status.PENDING, null, T0), new HistoryEntry(Status.PENDING, null, T0.plusSeconds(1)),
            new HistoryEntry(Status.VALID, null, T0.plusSeconds(5)),
            new HistoryEntry(Status.VALID, null, T0.plusSeconds(6))),
        T0, T0.plusSeconds(6), new Stamp(2, "n"));
    MessageRecord base = Records.record(901, 90, 0, 1_700_000_400L, 902, Status.PENDING);
    SiteVerdict validAtA = verdict("region-a", Status.VALID, null, 3, "a-0");
    disputed = withVerdicts(base, validAtA, verdict("region-b", Status.INVALID, Reason.LOG_MISSING, 4, "b-1"));
    agreedOn = withVerdicts(Records.record(901, 91, 0, 1_700_000_400L, 902, Status.PENDING), validAtA,
        verdict("region-b", Status.VALID, null, 2, "b-0"));
    api.store.mergeAll(List.of(judgedTwice, hostile, malformed, settled, judgedByTwo, disputed, agreedOn));
  }

  private static SiteVerdict verdict(String site, Status status, Reason reason, int second, String writer) {
    return new SiteVerdict(site, status, reason, List.of(new HistoryEntry(Status.PENDING, null, T0),
        new HistoryEntry(status, reason, T0.plusSeconds(second))), new Stamp(second, writer), Safety.SAFE,
        Safety.UNSAFE, false, 0);
  }

  private static MessageRecord withVerdicts(MessageRecord r, SiteVerdict... verdicts) {
    return new MessageRecord(r.key(), r.executingBlockNumber(), r.executingTxHash(), r.executingTimestamp(),
        r.msgHash(), r.identifier(), List.of(verdicts), r.firstSeenAt(), r.lastCheckedAt(), r.accessList(),
        verdicts[0].site());
  }

  @AfterAll
  void stop() throws Exception {
    api.close();
  }

  private JsonNode get(MessageRecord r) {
    return api.get("/api/v1/messages/" + r.key()).json();
  }

  @Nested
  class Shape {
    @Test
    void aMessageHasExactlyTheContractsFieldsInOrder() {
      assertThat(get(judgedTwice).propertyNames()).containsExactlyElementsOf(MESSAGE_FIELDS);
      assertThat(get(judgedTwice).get("identifier").propertyNames())
          .containsExactly("origin", "blockNumber", "logIndex", "timestamp", "chainId");
      assertThat(get(judgedTwice).get("history").get(0).propertyNames()).containsExactly("status", "reason", "at");
    }

    @Test
    void aPageHasItemsAndNextAndItsItemsTheSameShape() {
      JsonNode page = api.get("/api/v1/messages").json();

      assertThat(page.propertyNames()).containsExactly("items", "next");
      page.get("items").forEach(m -> assertThat(m.propertyNames()).containsExactlyElementsOf(MESSAGE_FIELDS));
    }
  }

  @Nested
  class Encoding {
    @Test
    void numbersAreDecimalStringsHashesLowercaseHexAndTimesUtc() {
      JsonNode m = get(judgedTwice);

      for (String field : List.of("executingChainId", "executingBlockNumber", "executingLogIndex",
          "executingTimestamp")) {
        assertThat(m.get(field).isString()).as(field).isTrue();
        assertThat(m.get(field).asString()).as(field).matches(DECIMAL);
      }
      m.get("identifier").propertyNames().stream().filter(f -> !f.equals("origin"))
          .forEach(f -> assertThat(m.get("identifier").get(f).isString()).as(f).isTrue());
      for (String field : List.of("executingBlockHash", "executingTxHash", "msgHash")) {
        assertThat(m.get(field).asString()).as(field).matches(HASH);
      }
      assertThat(m.get("firstSeenAt").asString()).matches(UTC_TIME);
      assertThat(m.get("lastCheckedAt").asString()).matches(UTC_TIME);
    }

    @Test
    void theValuesAreTheRecordsValues() {
      JsonNode m = get(judgedTwice);

      assertThat(m.get("id").asString()).isEqualTo("901-" + Records.hash(77) + "-3");
      assertThat(m.get("executingChainId").asString()).isEqualTo("901");
      assertThat(m.get("executingBlockNumber").asString()).isEqualTo("77");
      assertThat(m.get("executingLogIndex").asString()).isEqualTo("3");
      assertThat(m.get("executingTimestamp").asString()).isEqualTo("1700000000");
      assertThat(m.get("identifier").get("chainId").asString()).isEqualTo("902");
      assertThat(m.get("identifier").get("timestamp").asString()).isEqualTo("1699999990");
      assertThat(m.get("status").asString()).isEqualTo("valid");
      assertThat(m.get("reason").isNull()).isTrue();
      assertThat(m.get("firstSeenAt").asString()).isEqualTo("2025-03-01T12:00:00Z");
      assertThat(m.get("lastCheckedAt").asString()).isEqualTo("2025-03-01T12:00:06Z");
    }

    @Test
    void theLifecycleShowsSafetyFinalFlipsAndAccessList() {
      JsonNode fresh = get(judgedTwice);
      assertThat(fresh.get("safety").propertyNames()).containsExactly("executing", "initiating");
      assertThat(fresh.get("safety").get("executing").asString()).isEqualTo("unsafe");
      assertThat(fresh.get("final").asBoolean()).isFalse();
      assertThat(fresh.get("flips").asInt()).isZero();
      assertThat(fresh.get("accessList").asString()).isEqualTo("unchecked");

      JsonNode m = get(settled);
      assertThat(m.get("safety").get("executing").asString()).isEqualTo("finalized");
      assertThat(m.get("safety").get("initiating").asString()).isEqualTo("safe");
      assertThat(m.get("final").asBoolean()).isTrue();
      assertThat(m.get("accessList").asString()).isEqualTo("mismatch");
    }

    @Test
    void historyKeepsEveryStatusChangeOldestFirst() {
      JsonNode history = get(judgedTwice).get("history");

      assertThat(history).hasSize(2);
      assertThat(history.get(0).get("status").asString()).isEqualTo("pending");
      assertThat(history.get(0).get("reason").isNull()).isTrue();
      assertThat(history.get(1).get("status").asString()).isEqualTo("valid");
      assertThat(history.get(1).get("at").asString()).isEqualTo("2025-03-01T12:00:06Z");
    }

    @Test
    void historyShowsAStatusRepeatedByASecondReplicaOnceAtItsFirstTime() {
      JsonNode history = get(judgedByTwo).get("history");

      assertThat(history).hasSize(2);
      assertThat(history.get(0).get("status").asString()).isEqualTo("pending");
      assertThat(history.get(0).get("at").asString()).isEqualTo("2025-03-01T12:00:00.250Z");
      assertThat(history.get(1).get("status").asString()).isEqualTo("valid");
      assertThat(history.get(1).get("at").asString()).isEqualTo("2025-03-01T12:00:05.250Z");
    }

    @Test
    void aHostileIdentifierKeepsEveryUint256DigitAndHexIsLowercased() {
      JsonNode m = get(hostile);

      assertThat(m.get("identifier").get("chainId").asString()).isEqualTo(UINT256_MAX.toString());
      assertThat(m.get("identifier").get("blockNumber").asString()).isEqualTo(UINT256_MAX.toString());
      assertThat(m.get("identifier").get("origin").asString()).isEqualTo("0x" + "ef".repeat(20));
      assertThat(m.get("executingTxHash").asString()).isEqualTo("0x" + "ab".repeat(32));
      assertThat(m.get("msgHash").asString()).isEqualTo("0x" + "cd".repeat(32));
      assertThat(m.get("status").asString()).isEqualTo("invalid");
      assertThat(m.get("reason").asString()).isEqualTo("unknown-chain");
      assertThat(m.get("history").get(0).get("reason").asString()).isEqualTo("unknown-chain");
      assertThat(m.get("firstSeenAt").asString()).isEqualTo("2025-03-01T12:00:00.250Z");
    }

    @Test
    void aRecordWithoutIdentifierOrMsgHashShowsNulls() {
      JsonNode m = get(malformed);

      assertThat(m.propertyNames()).containsExactlyElementsOf(MESSAGE_FIELDS);
      assertThat(m.get("identifier").isNull()).isTrue();
      assertThat(m.get("msgHash").isNull()).isTrue();
      assertThat(m.get("reason").asString()).isEqualTo("malformed-event");
    }
  }

  @Nested
  class Sites {
    @Test
    void aRecordOfOneSiteShowsItsVerdictUnderTheSitesNameAsSingleSite() {
      JsonNode m = get(judgedTwice);

      assertThat(m.get("agreement").asString()).isEqualTo("single-site");
      assertThat(m.get("sites").propertyNames()).containsExactly("crosswatch");
      JsonNode site = m.get("sites").get("crosswatch");
      assertThat(site.propertyNames())
          .containsExactly("status", "reason", "writer", "changedAt", "safety", "final", "flips");
      assertThat(site.get("status").asString()).isEqualTo("valid");
      assertThat(site.get("changedAt").asString()).isEqualTo("2025-03-01T12:00:06Z");
    }

    @Test
    void sitesThatDisagreeShowTheInvalidVerdictAsTheStatusAndEachSitesBesideIt() {
      JsonNode m = get(disputed);

      assertThat(m.get("agreement").asString()).isEqualTo("disagree");
      assertThat(m.get("status").asString()).isEqualTo("invalid");
      assertThat(m.get("reason").asString()).isEqualTo("log-missing");
      assertThat(m.get("sites").propertyNames()).containsExactly("region-a", "region-b");
      JsonNode a = m.get("sites").get("region-a");
      assertThat(a.get("status").asString()).isEqualTo("valid");
      assertThat(a.get("reason").isNull()).isTrue();
      assertThat(a.get("writer").asString()).isEqualTo("a-0");
      assertThat(a.get("changedAt").asString()).isEqualTo("2025-03-01T12:00:03.250Z");
      assertThat(a.get("safety").get("executing").asString()).isEqualTo("safe");
      JsonNode b = m.get("sites").get("region-b");
      assertThat(b.get("status").asString()).isEqualTo("invalid");
      assertThat(b.get("reason").asString()).isEqualTo("log-missing");
      assertThat(b.get("writer").asString()).isEqualTo("b-1");
    }

    @Test
    void sitesThatAgreeShowTheLatestVerdict() {
      JsonNode m = get(agreedOn);

      assertThat(m.get("agreement").asString()).isEqualTo("agree");
      assertThat(m.get("status").asString()).isEqualTo("valid");
      assertThat(m.get("history").get(1).get("at").asString()).isEqualTo("2025-03-01T12:00:03.250Z");
    }

    @Test
    void theListFiltersByAgreement() {
      JsonNode items = api.get("/api/v1/messages?agreement=disagree").json().get("items");

      assertThat(items).hasSize(1);
      assertThat(items.get(0).get("id").asString()).isEqualTo(disputed.key().toString());
      assertThat(api.get("/api/v1/messages?agreement=agree").json().get("items")).hasSize(1);
      assertThat(api.get("/api/v1/messages?agreement=single-site").json().get("items")).hasSize(5);
    }
  }
}
