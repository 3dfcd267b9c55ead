package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusWriterTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final RecordingListener listener = new RecordingListener();
  private final StatusWriter writer = new StatusWriter(store, listener);
  private final HybridClock clock = new HybridClock("test");

  private MessageRecord validMessage() {
    var log = Messages.pointingAt(Messages.block(10, 1), 0, 7, 0);
    MessageRecord found = Verdicts.discovered(EXECUTING, log, ExecutingMessageDecoder.decode(log.topics(), log.data()),
        Instant.now(), clock.next());
    return found.withStatus(Status.VALID, null, Instant.now(), clock.after(found.stamp()));
  }

  /**
   * The access-list checker stored its result after the judge had read the message: the change the judge then
   * writes is reported from what the store held, so the problem is not reported (and counted) a second time.
   */
  @Test
  void aChangeIsReportedFromTheStoredVersionNotTheWritersOlderCopy() {
    MessageRecord judgesCopy = validMessage();
    store.merge(judgesCopy.withAccessList(AccessListCheck.MISSING));
    var raised = judgesCopy.withLifecycle(Safety.SAFE, Safety.SAFE, false, clock.next());

    List<StatusWriter.Change> stored = writer.write(List.of(new StatusWriter.Change(judgesCopy, raised)));

    assertThat(stored).singleElement().satisfies(c -> {
      assertThat(c.base().accessList()).isEqualTo(AccessListCheck.MISSING);
      assertThat(c.update().accessList()).isEqualTo(AccessListCheck.MISSING);
      assertThat(c.update().executingSafety()).isEqualTo(Safety.SAFE);
    });
    assertThat(listener.changed).singleElement().isEqualTo(stored.getFirst().update());
  }

  @Test
  void aVerdictComputedFromAVersionThatChangedSinceIsDropped() {
    MessageRecord judgesCopy = validMessage();
    store.merge(judgesCopy);
    MessageRecord reorged = Verdicts.reorged(judgesCopy, Instant.now(), clock.after(judgesCopy.stamp()));
    store.merge(reorged);
    var rejudged = judgesCopy.withStatus(Status.PENDING, null, Instant.now(), clock.after(judgesCopy.stamp()));

    List<StatusWriter.Change> stored = writer.write(List.of(new StatusWriter.Change(judgesCopy, rejudged)));

    assertThat(stored).isEmpty();
    assertThat(listener.changed).isEmpty();
    assertThat(store.find(judgesCopy.key()).orElseThrow().status()).isEqualTo(Status.REORGED);
  }
}
