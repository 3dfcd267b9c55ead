package crosswatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.ChainStatus;
import crosswatch.store.HistoryEntry;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class StoreGaugesTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<List<ChainStatus>> chains = new AtomicReference<>(List.of());
  private MessageCounts counts;

  private void bind() {
    counts = new MessageCounts(store);
    new StoreGauges(List.of(901L, 902L), counts, chains::get, Clock.fixed(NOW, ZoneOffset.UTC)).bindTo(registry);
  }

  @AfterEach
  void close() {
    if (counts != null) {
      counts.close();
    }
  }

  private static MessageRecord record(long chainId, long block, long initiatingChainId, Status status,
                                      Instant firstSeen) {
    Reason reason = status == Status.INVALID ? Reason.PAYLOAD_MISMATCH : null;
    String hash = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(block), 64);
    var identifier = new Identifier("0x" + "ab".repeat(20), BigInteger.ONE, BigInteger.ZERO, BigInteger.TEN,
        BigInteger.valueOf(initiatingChainId));
    return new MessageRecord(new MessageKey(chainId, hash, 0), block, hash, 100 + block, hash, identifier, status,
        reason, List.of(new HistoryEntry(status, reason, firstSeen)), firstSeen, firstSeen, new Stamp(1, "test"));
  }

  private double messages(String executing, String initiating, String status, String safety) {
    return registry.get(Meters.MESSAGES).tag(Meters.EXECUTING_CHAIN_ID, executing)
        .tag(Meters.INITIATING_CHAIN_ID, initiating).tag(Meters.STATUS, status).tag(Meters.SAFETY, safety)
        .gauge().value();
  }

  private double chainGauge(String name, String chainId) {
    return registry.get(name).tag(Meters.CHAIN_ID, chainId).gauge().value();
  }

  @Nested
  class Messages {
    @Test
    void everyCombinationOfChainsStatusAndSafetyExistsAtZero() {
      bind();

      // 2 executing chains x (2 configured + other) initiating x 4 statuses x 3 safeties
      assertThat(registry.find(Meters.MESSAGES).gauges()).hasSize(2 * 3 * 4 * 3);
      assertThat(registry.find(Meters.MESSAGES).gauges()).allSatisfy(g -> assertThat(g.value()).isZero());
    }

    @Test
    void recordsAlreadyStoredAreCountedAndLaterChangesMoveTheCount() {
      MessageRecord r = record(901, 1, 902, Status.PENDING, NOW);
      store.merge(r);
      bind();
      assertThat(messages("901", "902", "pending", "unsafe")).isEqualTo(1);

      store.merge(r.withStatus(Status.INVALID, Reason.EXPIRED, NOW.plusSeconds(1), new Stamp(2, "test"))
          .withLifecycle(Safety.SAFE, Safety.SAFE, false, new Stamp(3, "test")));

      assertThat(messages("901", "902", "pending", "unsafe")).isZero();
      assertThat(messages("901", "902", "invalid", "safe")).isEqualTo(1);
    }

    @Test
    void anInitiatingChainThatIsNotConfiguredCountsAsOther() {
      bind();
      store.merge(record(902, 1, 777, Status.INVALID, NOW));
      store.merge(record(902, 2, 778, Status.INVALID, NOW));

      assertThat(messages("902", Meters.UNCONFIGURED_CHAIN, "invalid", "unsafe")).isEqualTo(2);
    }
  }

  @Nested
  class OldestPending {
    @Test
    void isTheAgeOfTheOldestPendingMessageOfEachChainAndZeroWhenNoneIsPending() {
      bind();
      store.merge(record(901, 1, 902, Status.PENDING, NOW.minusSeconds(30)));
      MessageRecord oldest = record(901, 2, 902, Status.PENDING, NOW.minusSeconds(90));
      store.merge(oldest);
      assertThat(chainGauge(Meters.OLDEST_PENDING_AGE, "901")).isEqualTo(90);
      assertThat(chainGauge(Meters.OLDEST_PENDING_AGE, "902")).isZero();

      store.merge(oldest.withStatus(Status.VALID, null, NOW, new Stamp(5, "test")));

      assertThat(chainGauge(Meters.OLDEST_PENDING_AGE, "901")).isEqualTo(30);
    }
  }

  @Nested
  class Heads {
    @Test
    void headsAgeAndLagAreUnknownUntilTheChainReportsThem() {
      bind();

      assertThat(registry.get(Meters.CHAIN_HEAD).tag(Meters.CHAIN_ID, "901").tag(Meters.LEVEL, "latest").gauge()
          .value()).isNaN();
      assertThat(chainGauge(Meters.CHECKPOINT_LAG, "901")).isNaN();
    }

    @Test
    void eachLevelTheHeadAgeAndTheCheckpointLagFollowTheChain() {
      bind();
      chains.set(List.of(new ChainStatus(901, "http://x:1", true, OptionalLong.of(500), OptionalLong.of(490),
          OptionalLong.of(480), OptionalLong.of(NOW.getEpochSecond() - 7), OptionalLong.of(450), List.of("a"),
          Optional.empty(), Optional.empty(), List.of())));

      for (var level : List.of(List.of("latest", 500.0), List.of("safe", 490.0), List.of("finalized", 480.0))) {
        assertThat(registry.get(Meters.CHAIN_HEAD).tag(Meters.CHAIN_ID, "901").tag(Meters.LEVEL, (String) level.get(0))
            .gauge().value()).isEqualTo(level.get(1));
      }
      assertThat(chainGauge(Meters.CHAIN_HEAD_AGE, "901")).isEqualTo(7);
      assertThat(chainGauge(Meters.CHECKPOINT_LAG, "901")).isEqualTo(50);
      assertThat(chainGauge(Meters.CHECKPOINT_LAG, "902")).isNaN();
    }
  }
}
