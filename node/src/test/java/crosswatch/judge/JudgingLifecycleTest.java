package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.protocol.AccessList;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.Hash32;
import crosswatch.store.HeadBlock;
import crosswatch.store.HybridClock;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Safety, finality, the sweep and access lists, against fake chains at judging's ports. */
class JudgingLifecycleTest {
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final FakeChain initiating = new FakeChain(INITIATING);
  private final FakeChain executing = new FakeChain(EXECUTING);
  private final ChainHeads heads = new ChainHeads(new ConcurrentHashMap<>());
  private final List<List<String>> accessListFetches = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> declared = new ConcurrentHashMap<>();
  private final Judging judging = started();

  private Judging started() {
    AccessLists lists = (Collection<String> txHashes) -> {
      accessListFetches.add(List.copyOf(txHashes));
      return Map.copyOf(declared);
    };
    var started = new Judging(Map.of(INITIATING, initiating, EXECUTING, executing), Map.of(EXECUTING, lists),
        Messages.DEPENDENCIES, store, new HybridClock("test"), new RecordingListener(), heads,
        Duration.ofMillis(200));
    started.start();
    return started;
  }

  @AfterEach
  void stop() {
    judging.close();
  }

  private static ChainHead finalizedAt(long chainId, long number) {
    var block = new HeadBlock(number, Messages.hash(number), 0);
    return new ChainHead(chainId, block, block, block);
  }

  private MessageRecord record(FoundLog log) {
    return store.find(new MessageKey(EXECUTING, log.blockHash(), log.logIndex())).orElseThrow();
  }

  private FoundLog found(InitiatingBlock.Produced block, long logIndex, long executingBlock) {
    var log = Messages.pointingAt(block, logIndex, executingBlock, 0);
    judging.found(EXECUTING, List.of(log), Instant.now());
    return log;
  }

  private FoundLog valid(InitiatingBlock.Produced block, long logIndex, long executingBlock) {
    initiating.put(block);
    judging.scanned(INITIATING, block.number());
    FoundLog log = found(block, logIndex, executingBlock);
    await().until(() -> record(log).status() == Status.VALID);
    return log;
  }

  @Nested
  class Finality {
    @Test
    void headsPassingBothBlocksMakeTheVerdictFinalOnAFreshFetch() {
      FoundLog log = valid(Messages.block(10, 2), 1, 7);
      assertThat(initiating.fetches()).hasSize(1);

      judging.headsMoved(finalizedAt(INITIATING, 10));
      await().until(() -> record(log).initiatingSafety() == Safety.FINALIZED);
      assertThat(record(log).isFinal()).isFalse();
      judging.headsMoved(finalizedAt(EXECUTING, 7));

      await().until(() -> record(log).isFinal());
      assertThat(record(log).status()).isEqualTo(Status.VALID);
      assertThat(record(log).executingSafety()).isEqualTo(Safety.FINALIZED);
      assertThat(initiating.fetches()).hasSize(2);
    }

    @Test
    void aReorgOfTheInitiatingChainAfterFinalityChangesNothing() throws ChainUnavailable {
      var block = Messages.block(10, 2);
      FoundLog fin = valid(block, 1, 7);
      FoundLog open = valid(block, 0, 30);
      judging.headsMoved(finalizedAt(INITIATING, 10));
      judging.headsMoved(finalizedAt(EXECUTING, 7));
      await().until(() -> record(fin).isFinal());

      initiating.put(Messages.block(10, 0));
      judging.reorged(INITIATING, 9, numbers -> Map.of());
      judging.scanned(INITIATING, 10);

      await().until(() -> record(open).status() == Status.INVALID);
      assertThat(record(open).flips()).isEqualTo(1);
      assertThat(record(fin).status()).isEqualTo(Status.VALID);
      assertThat(record(fin).flips()).isZero();
    }

    @Test
    void theSweepSettlesAMessageWhoseHeadsEventWasMissed() {
      FoundLog log = valid(Messages.block(10, 2), 1, 7);

      heads.put(finalizedAt(INITIATING, 10));
      heads.put(finalizedAt(EXECUTING, 7));

      await().atMost(Duration.ofSeconds(5)).until(() -> record(log).isFinal());
    }
  }

  @Nested
  class AccessListChecks {
    @Test
    void messagesOfOneTransactionShareOneFetchAndEachGetsItsResult() {
      var block = Messages.block(10, 2);
      initiating.put(block);
      judging.scanned(INITIATING, 10);
      var first = Messages.pointingAt(block, 0, 7, 0);
      var second = Messages.pointingAt(block, 1, 8, 0);
      MessageRecord firstRecord = Verdicts.discovered(EXECUTING, first,
          ExecutingMessageDecoder.decode(first.topics(), first.data()), Instant.now(),
          new HybridClock("t").next());
      declared.put(first.transactionHash(), AccessList.storageKeys(
          new ExecutingMessage(Hash32.text(firstRecord.msgHash()), firstRecord.identifier())));

      judging.found(EXECUTING, List.of(first, second), Instant.now());

      await().until(() -> record(second).accessList() != AccessListCheck.UNCHECKED);
      assertThat(record(first).accessList()).isEqualTo(AccessListCheck.OK);
      assertThat(record(second).accessList()).isEqualTo(AccessListCheck.MISSING);
      assertThat(accessListFetches.getFirst()).containsExactly(first.transactionHash());
    }

    @Test
    void aTransactionTheNodeDoesNotKnowLeavesTheMessageUncheckedUntilItDoes() {
      var block = Messages.block(10, 1);
      FoundLog log = valid(block, 0, 7);
      assertThat(record(log).accessList()).isEqualTo(AccessListCheck.UNCHECKED);

      declared.put(log.transactionHash(), List.of());

      await().atMost(Duration.ofSeconds(5)).until(() -> record(log).accessList() == AccessListCheck.MISSING);
      assertThat(accessListFetches.size()).isGreaterThan(1);
    }
  }
}
