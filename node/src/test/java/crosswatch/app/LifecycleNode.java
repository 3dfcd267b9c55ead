package crosswatch.app;

import crosswatch.chain.StartBlock;
import crosswatch.chain.TestSettings;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStores;
import crosswatch.devnet.DevnetChain;
import crosswatch.metrics.Meters;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A pipeline over devnet chains writing to a one-member Infinispan store (so final messages really expire),
 * with a short sweep, and the waits lifecycle tests need.
 */
final class LifecycleNode implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(40);

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ClusterStores stores;
  final Pipeline pipeline;

  LifecycleNode(List<DevnetChain> chains, Path dataDir, Duration retention) {
    stores = ClusterStores.start(ClusterOptions.singleMember(dataDir.resolve("cluster"), "test-node"), registry,
        retention);
    var starts = new HashMap<Long, StartBlock>();
    chains.forEach(c -> starts.put(c.chainId(), new StartBlock.Number(0)));
    pipeline = new Pipeline(chains.stream().map(PipelineHarness::http).toList(), starts,
        PipelineHarness.dependencies(chains.stream().map(DevnetChain::chainId).toList(), Map.of()),
        stores.messages(), new FileCheckpointStore(dataDir), registry, "test-node", TestSettings.FAST,
        stores.heads(), Duration.ofSeconds(2));
    pipeline.start();
  }

  Optional<MessageRecord> find(MessageKey key) {
    return stores.messages().find(key);
  }

  MessageRecord await(MessageKey key, Predicate<MessageRecord> condition) {
    Awaitility.await().atMost(PATIENCE).until(() -> find(key).filter(condition).isPresent());
    return find(key).orElseThrow();
  }

  double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  double flips(long executing, long initiating, String safety) {
    return counter(Meters.STATUS_FLIPS, Meters.EXECUTING_CHAIN_ID, Long.toString(executing),
        Meters.INITIATING_CHAIN_ID, Long.toString(initiating), Meters.SAFETY, safety);
  }

  @Override
  public void close() {
    pipeline.close();
    stores.close();
  }
}
