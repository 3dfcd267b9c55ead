package crosswatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.SiteLink;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class SiteGaugesTest {
  private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

  private final InMemoryMessageStore atA = new InMemoryMessageStore("a");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<List<SiteLink>> links = new AtomicReference<>(List.of());
  private MessageCounts counts;

  @BeforeEach
  void bind() {
    counts = new MessageCounts(atA);
    new SiteGauges(List.of(901L, 902L), counts, List.of("a", "b", "c"), links::get).bindTo(registry);
  }

  @AfterEach
  void close() {
    counts.close();
  }

  private double disagreements(String executing, String initiating) {
    return registry.get(Meters.SITE_DISAGREEMENTS).tag(Meters.EXECUTING_CHAIN_ID, executing)
        .tag(Meters.INITIATING_CHAIN_ID, initiating).gauge().value();
  }

  private static MessageRecord found(long block, long initiatingChainId) {
    String hash = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(block), 64);
    var identifier = new Identifier("0x" + "ab".repeat(20), BigInteger.ONE, BigInteger.ZERO, BigInteger.TEN,
        BigInteger.valueOf(initiatingChainId));
    return new MessageRecord(new MessageKey(901, hash, 0), block, hash, 100 + block, hash, identifier,
        Status.PENDING, null, List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(1, "a-0"));
  }

  /** {@code r} as site {@code site} judged it. */
  private static MessageRecord judgedAt(String site, MessageRecord r, Status status, Reason reason) {
    return r.seenFrom(site).withStatus(status, reason, T0.plusSeconds(2), new Stamp(2, site + "-0"));
  }

  @Test
  void aRecordWhoseSitesDisagreeIsCountedForItsChainPairUntilTheyAgree() {
    MessageRecord r = found(1, 902);
    atA.merge(judgedAt("a", r, Status.VALID, null));
    assertThat(disagreements("901", "902")).isZero();

    atA.merge(judgedAt("b", r, Status.INVALID, Reason.LOG_MISSING));
    assertThat(disagreements("901", "902")).isOne();
    assertThat(disagreements("902", "901")).isZero();

    atA.merge(judgedAt("b", r, Status.INVALID, Reason.LOG_MISSING)
        .withStatus(Status.VALID, null, T0.plusSeconds(3), new Stamp(3, "b-0")));
    assertThat(disagreements("901", "902")).isZero();
  }

  @Test
  void everySiteHasItsLinkAndLagUnknownUntilABackupArrived() {
    links.set(List.of(new SiteLink("a", true, List.of("a-0"), Optional.empty(), Optional.of(Duration.ZERO)),
        new SiteLink("b", true, List.of("b-0"), Optional.of(T0), Optional.of(Duration.ofMillis(1200))),
        new SiteLink("c", false, List.of(), Optional.empty(), Optional.empty())));

    assertThat(registry.get(Meters.SITE_UP).tag(Meters.SITE, "a").gauge().value()).isOne();
    assertThat(registry.get(Meters.SITE_UP).tag(Meters.SITE, "b").gauge().value()).isOne();
    assertThat(registry.get(Meters.SITE_UP).tag(Meters.SITE, "c").gauge().value()).isZero();
    assertThat(registry.get(Meters.SITE_BACKUP_LAG).tag(Meters.SITE, "a").gauge().value()).isZero();
    assertThat(registry.get(Meters.SITE_BACKUP_LAG).tag(Meters.SITE, "b").gauge().value()).isEqualTo(1.2);
    assertThat(registry.get(Meters.SITE_BACKUP_LAG).tag(Meters.SITE, "c").gauge().value()).isNaN();
  }

  @Test
  void anInitiatingChainThatIsNotConfiguredCountsAsOther() {
    MessageRecord r = found(2, 77);
    atA.merge(judgedAt("a", r, Status.INVALID, Reason.UNKNOWN_CHAIN));
    atA.merge(judgedAt("b", r, Status.VALID, null));

    assertThat(disagreements("901", Meters.UNCONFIGURED_CHAIN)).isOne();
  }
}
