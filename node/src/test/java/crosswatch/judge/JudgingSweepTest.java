package crosswatch.judge;

import static crosswatch.judge.Messages.EXECUTING;
import static crosswatch.judge.Messages.INITIATING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.TestNodes;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.store.ChainHeads;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.context.Flag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep over a replicated store, whose copy can receive a record without any event (another replica's conflict
 * resolution after a partition healed): the sweep must still find and judge it.
 */
class JudgingSweepTest {
  @TempDir
  Path dataDir;

  private ClusterStores node;
  private Judging judging;

  @AfterEach
  void stop() {
    if (judging != null) {
      judging.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aPendingMessageThatArrivedWithoutAnEventIsJudgedByTheSweep() {
    node = ClusterStores.start(TestNodes.single(dataDir, "node-a"), new SimpleMeterRegistry());
    var initiating = new FakeChain(INITIATING);
    InitiatingBlock.Produced block = Messages.block(10, 2);
    initiating.put(block);
    var listener = new RecordingListener();
    judging = new Judging(Map.of(INITIATING, initiating, EXECUTING, new FakeChain(EXECUTING)), Map.of(),
        Messages.DEPENDENCIES, node.messages(), new HybridClock("node-a"), listener,
        new ChainHeads(new ConcurrentHashMap<>()), Duration.ofMillis(200));
    judging.start();
    judging.scanned(INITIATING, 10);
    FoundLog log = Messages.pointingAt(block, 1, 7, 0);
    MessageRecord quiet = Verdicts.discovered(EXECUTING, log, ExecutingMessageDecoder.decode(log.topics(),
        log.data()), Instant.now(), new Stamp(1, "node-b"));

    node.cacheManager().<MessageKey, MessageRecord>getCache(ClusterStores.MESSAGES).getAdvancedCache()
        .withFlags(Flag.SKIP_LISTENER_NOTIFICATION).put(quiet.key(), quiet);

    await().atMost(Duration.ofSeconds(5))
        .until(() -> node.messages().find(quiet.key()).orElseThrow().status() == Status.VALID);
    assertThat(node.messages().pending()).isEmpty();
    assertThat(listener.unindexed).hasValue(1);
  }
}
