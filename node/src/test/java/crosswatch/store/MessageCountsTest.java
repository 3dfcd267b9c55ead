package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The per-minute and detection-delay tallies of {@link MessageCounts}: what the status page's charts draw. */
class MessageCountsTest {

  @Nested
  class DelayBuckets {
    @Test
    void aDelayIsCountedUnderTheFirstBoundNotBelowItAndAboveTheLastInTheOverflow() {
      assertThat(MessageCounts.delayBucket(Duration.ZERO)).isZero();
      assertThat(MessageCounts.delayBucket(Duration.ofMillis(10))).isZero();
      assertThat(MessageCounts.delayBucket(Duration.ofMillis(11))).isEqualTo(1);
      assertThat(MessageCounts.delayBucket(Duration.ofSeconds(60))).isEqualTo(MessageCounts.DELAY_BUCKETS.size() - 1);
      assertThat(MessageCounts.delayBucket(Duration.ofSeconds(61))).isEqualTo(MessageCounts.DELAY_BUCKETS.size());
    }

    @Test
    void theDelayIsFromFirstSeenToTheFirstVerdictInTheHistory() {
      MessageRecord found = Fixtures.record();
      MessageRecord valid = found.withStatus(Status.VALID, null, Fixtures.T0.plusMillis(40), new Stamp(2, "b"));
      MessageRecord flipped = valid.withStatus(Status.INVALID, crosswatch.protocol.Reason.LOG_MISSING,
          Fixtures.T0.plusSeconds(90), new Stamp(3, "b"));

      assertThat(MessageCounts.detectionDelay(found)).isEmpty();
      assertThat(MessageCounts.detectionDelay(flipped)).contains(Duration.ofMillis(40));
    }
  }

  @Provide
  Arbitrary<List<MessageRecord>> versionsOfSeveralMessages() {
    return RecordArbitraries.facts().flatMap(f -> RecordArbitraries.versionOf(f).list().ofMinSize(1).ofMaxSize(3))
        .list().ofMinSize(1).ofMaxSize(6).map(lists -> lists.stream().flatMap(List::stream).toList());
  }

  @Property(tries = 200)
  void theTalliesEqualARecountOfTheStoredRecordsWhateverOrderVersionsArriveIn(
      @ForAll("versionsOfSeveralMessages") List<MessageRecord> versions, @ForAll long seed) {
    var shuffled = new ArrayList<>(versions);
    Collections.shuffle(shuffled, new Random(seed));
    var store = new InMemoryMessageStore();
    // Half the versions before the counts exist (read by walking the store), half after (read from events).
    shuffled.subList(0, shuffled.size() / 2).forEach(store::merge);
    try (var counts = new MessageCounts(store)) {
      shuffled.subList(shuffled.size() / 2, shuffled.size()).forEach(store::merge);

      List<MessageRecord> stored = store.query(MessageQuery.all(MessageQuery.MAX_LIMIT)).items();
      var minutes = new TreeMap<Long, long[]>();
      long[] delays = new long[MessageCounts.DELAY_BUCKETS.size() + 1];
      for (MessageRecord r : stored) {
        minutes.computeIfAbsent(Math.floorDiv(r.executingTimestamp(), 60), m -> new long[Status.values().length])
            [r.status().ordinal()]++;
        MessageCounts.detectionDelay(r).ifPresent(d -> delays[MessageCounts.delayBucket(d)]++);
      }
      for (Map.Entry<Long, long[]> minute : minutes.entrySet()) {
        assertThat(counts.byMinute(minute.getKey(), 1)[0]).as("minute %d", minute.getKey())
            .containsExactly(minute.getValue());
      }
      assertThat(counts.detectionDelays()).containsExactly(delays);
    }
  }
}
