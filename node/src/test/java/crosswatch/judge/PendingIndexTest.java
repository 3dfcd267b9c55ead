package crosswatch.judge;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageRecord;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PendingIndexTest {
  private final HybridClock clock = new HybridClock("test");
  private final PendingIndex index = new PendingIndex();

  private MessageRecord pointingAtBlock(long initiatingBlock, long executingLog) {
    FoundLog log = Messages.pointingAt(Messages.block(initiatingBlock, 1), 0, 7, executingLog);
    return Verdicts.discovered(Messages.EXECUTING, log, ExecutingMessageDecoder.decode(log.topics(), log.data()),
        Instant.EPOCH, clock.next());
  }

  @Nested
  class Release {
    @Test
    void releasesExactlyTheMessagesAtOrBelowTheScannedBlock() {
      var at5 = pointingAtBlock(5, 0);
      var at6 = pointingAtBlock(6, 1);
      var at9 = pointingAtBlock(9, 2);
      index.add(at5);
      index.add(at6);
      index.add(at9);

      assertThat(index.release(6)).containsExactlyInAnyOrder(at5, at6);
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.release(8)).isEmpty();
      assertThat(index.release(9)).containsExactly(at9);
    }

    @Test
    void releasesNothingTwice() {
      index.add(pointingAtBlock(5, 0));
      index.release(5);
      assertThat(index.release(5)).isEmpty();
      assertThat(index.size()).isZero();
    }
  }

  @Nested
  class OneEntryPerMessage {
    @Test
    void theLatestVersionOfAMessageReplacesTheEarlier() {
      var first = pointingAtBlock(5, 0);
      var later = first.withStatus(crosswatch.store.Status.VALID, null, Instant.EPOCH.plusSeconds(1), clock.next());
      index.add(first);
      index.add(later);
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.release(5)).containsExactly(later);
    }
  }
}
