package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.TestNodes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.infinispan.context.Flag;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfinispanMessageStoreTest extends MessageStoreTck {
  @TempDir
  Path dataDir;

  private ClusterOptions options;
  private ClusterStores node;

  @Override
  protected MessageStore newStore() {
    options = TestNodes.single(dataDir, "node-a");
    node = ClusterStores.start(options, new SimpleMeterRegistry());
    return node.messages();
  }

  @Override
  protected void closeStore() {
    node.close();
  }

  /**
   * A record can reach this replica's copy without an entry event (another replica's conflict resolution after a
   * partition): queries miss it until the index is fed again.
   */
  @Test
  void aRecordWrittenWithoutAnEventIsQueriedOnlyAfterTheNextReindex() {
    MessageRecord quiet = Fixtures.record(Fixtures.key(901, 1), 100, 1_000, Status.PENDING);
    node.cacheManager().<MessageKey, MessageRecord>getCache(ClusterStores.MESSAGES).getAdvancedCache()
        .withFlags(Flag.SKIP_LISTENER_NOTIFICATION).put(quiet.key(), quiet);
    assertThat(store.pending()).isEmpty();

    assertThat(store.reindex()).isEqualTo(1);

    assertThat(store.pending()).containsExactly(quiet);
    assertThat(store.query(MessageQuery.all(10)).items()).containsExactly(quiet);
    assertThat(store.reindex()).isZero();
  }

  /** A one-member store keeps its file store across restarts: it is the only copy of the data. */
  @Nested
  class Persistence {
    @Test
    void aRestartedSingleMemberFindsAndIndexesItsRecords() {
      List<MessageRecord> records = IntStream.range(0, 50)
          .mapToObj(i -> Fixtures.record(Fixtures.key(901, i), 100 + i, 1_000 + i, Status.PENDING))
          .toList();
      store.mergeAll(records);
      MessageRecord judged = store.merge(
          records.get(7).withStatus(Status.VALID, null, Fixtures.T1, new Stamp(3, "node-a")));

      node.close();
      node = ClusterStores.start(options, new SimpleMeterRegistry());
      store = node.messages();

      assertThat(store.size()).isEqualTo(50);
      assertThat(store.find(judged.key())).contains(judged);
      assertThat(store.query(MessageQuery.all(1)).items()).containsExactly(records.getLast());
      assertThat(store.pending()).hasSize(49).doesNotContain(records.get(7));
    }
  }
}
