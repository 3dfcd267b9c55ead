package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.metrics.Meters;
import crosswatch.protocol.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.container.entries.ImmortalCacheEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordMergePolicyTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordMergePolicy policy = new RecordMergePolicy(registry.counter(Meters.MERGED),
      registry.counter(Meters.KEPT_PREFERRED));

  @SuppressWarnings("unchecked") // Infinispan declares ImmortalCacheEntry without type parameters
  private static CacheEntry<MessageKey, MessageRecord> entry(MessageRecord r) {
    return new ImmortalCacheEntry(r.key(), r);
  }

  private double resolved(String outcome) {
    return registry.get(outcome).counter().count();
  }

  @Nested
  class HealedPartitions {
    private final MessageRecord base = Fixtures.record();
    private final MessageRecord sideA = base.withStatus(Status.VALID, null, Fixtures.T1, new Stamp(5, "node-a"));
    private final MessageRecord sideB =
        base.withStatus(Status.INVALID, Reason.LOG_MISSING, Fixtures.T1.plusSeconds(1), new Stamp(6, "node-b"));

    @Test
    void resultIsTheMergeOfEverySideWhicheverIsPreferred() {
      MessageRecord expected = Merge.merge(sideA, sideB);

      assertThat(policy.merge(entry(sideA), List.of(entry(sideB))).getValue()).isEqualTo(expected);
      assertThat(policy.merge(entry(sideB), List.of(entry(sideA))).getValue()).isEqualTo(expected);
      assertThat(resolved("merged")).isEqualTo(2);
    }

    @Test
    void aKeyMissingOnThePreferredSideTakesTheOthers() {
      assertThat(policy.merge(null, List.of(entry(sideA), entry(sideB))).getValue())
          .isEqualTo(Merge.merge(sideA, sideB));
    }

    @Test
    void contradictingFactsKeepThePreferredSideAndAreCounted() {
      var contradicting = new MessageRecord(base.key(), base.executingBlockNumber() + 1, base.executingTxHash().toString(),
          base.executingTimestamp(), Hash32.text(base.msgHash()), base.identifier(), base.status(), base.reason(),
          base.history(), base.firstSeenAt(), base.lastCheckedAt(), base.stamp());
      CacheEntry<MessageKey, MessageRecord> preferred = entry(sideA);

      assertThat(policy.merge(preferred, List.of(entry(contradicting)))).isSameAs(preferred);
      assertThat(resolved("kept-preferred")).isOne();
      assertThat(resolved("merged")).isZero();
    }
  }
}
