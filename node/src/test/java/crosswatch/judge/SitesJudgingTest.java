package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.SiteVerdict;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Judging at one site of several: every site reaches its own verdict on every message, whoever found it. */
class SitesJudgingTest {
  private final FakeChain initiating = new FakeChain(INITIATING);
  private final FakeChain executing = new FakeChain(EXECUTING);
  private final InMemoryMessageStore atA = new InMemoryMessageStore("a");
  private final InMemoryMessageStore atB = new InMemoryMessageStore("b");
  private final Judging judgingA = started(atA, "a-0");
  private final Judging judgingB = started(atB, "b-0");

  private Judging started(InMemoryMessageStore store, String node) {
    var judging = new Judging(Map.of(INITIATING, initiating, EXECUTING, executing), Messages.DEPENDENCIES, store,
        new HybridClock(node), new RecordingListener());
    judging.start();
    return judging;
  }

  @AfterEach
  void stop() {
    judgingA.close();
    judgingB.close();
  }

  private static Optional<Status> verdictOf(InMemoryMessageStore store, MessageKey key, String site) {
    return store.find(key).flatMap(r -> r.verdictOf(site)).map(SiteVerdict::status);
  }

  @Test
  void aMessageAnotherSiteFoundAndJudgedIsJudgedHereWhenThisSitesScannerFindsIt() {
    var block = Messages.block(10, 1);
    initiating.put(block);
    judgingA.scanned(INITIATING, 10);
    judgingB.scanned(INITIATING, 10);
    FoundLog log = Messages.pointingAt(block, 0, 7, 0);
    var key = new MessageKey(EXECUTING, log.blockHash(), log.logIndex());
    judgingA.found(EXECUTING, List.of(log), Instant.now());
    await().until(() -> verdictOf(atA, key, "a").equals(Optional.of(Status.VALID)));
    // What site a wrote reaches site b (a cross-site backup) without any event b's judge would hear of.
    MessageRecord fromA = atA.find(key).orElseThrow();
    atB.merge(fromA);
    assertThat(atB.find(key).orElseThrow().status()).as("pending to b, which never judged it")
        .isEqualTo(Status.PENDING);

    judgingB.found(EXECUTING, List.of(log), Instant.now());

    await().until(() -> verdictOf(atB, key, "b").equals(Optional.of(Status.VALID)));
    MessageRecord both = atB.find(key).orElseThrow();
    assertThat(both.verdictOf("a")).isEqualTo(fromA.verdictOf("a"));
    assertThat(both.verdicts()).extracting(SiteVerdict::site).containsExactly("a", "b");
  }
}
