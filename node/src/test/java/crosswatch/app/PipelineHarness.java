package crosswatch.app;

import static org.awaitility.Awaitility.await;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.chain.TestSettings;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.metrics.Meters;
import crosswatch.protocol.DependencySet;
import crosswatch.store.FileCheckpointStore;
import crosswatch.store.HistoryEntry;
import crosswatch.store.InMemoryMessageStore;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pipeline over devnet chains with an in-memory store and a checkpoint file, and the waits tests need. */
final class PipelineHarness implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  final InMemoryMessageStore store;
  final Path dataDir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Pipeline pipeline;

  PipelineHarness(List<ChainEndpoint> chains, DependencySet dependencies, StartBlock start,
                  InMemoryMessageStore store, Path dataDir) {
    this.store = store;
    this.dataDir = dataDir;
    var starts = new HashMap<Long, StartBlock>();
    chains.forEach(c -> starts.put(c.chainId(), start));
    this.pipeline = new Pipeline(chains, starts, dependencies, store, new FileCheckpointStore(dataDir), registry,
        "test-node", TestSettings.FAST);
    pipeline.start();
  }

  static ChainEndpoint http(DevnetChain chain) {
    return new ChainEndpoint(chain.chainId(), URI.create(chain.rpcUrl()));
  }

  static ChainEndpoint ws(DevnetChain chain) {
    return new ChainEndpoint(chain.chainId(), URI.create(chain.wsUrl()));
  }

  /** Every chain active from genesis, except those given with a later activation time. */
  static DependencySet dependencies(List<Long> chainIds, Map<Long, Long> activations) {
    var chains = new HashMap<BigInteger, DependencySet.ChainDependency>();
    for (long id : chainIds) {
      chains.put(BigInteger.valueOf(id), new DependencySet.ChainDependency(BigInteger.valueOf(id),
          activations.getOrDefault(id, 0L), 1));
    }
    return new DependencySet(chains, DependencySet.MAX_EXPIRY_WINDOW_SECONDS);
  }

  static List<MessageKey> keys(ExecutingReceipt receipt) {
    return receipt.logIndexes().stream()
        .map(i -> new MessageKey(receipt.chainId(), receipt.blockHash().toLowerCase(), i)).toList();
  }

  static MessageKey key(ExecutingReceipt receipt) {
    return keys(receipt).getFirst();
  }

  Optional<MessageRecord> find(MessageKey key) {
    return store.find(key);
  }

  MessageRecord awaitStatus(MessageKey key, Status status) {
    await().atMost(PATIENCE).until(() -> find(key).map(MessageRecord::status).orElse(null) == status);
    return find(key).orElseThrow();
  }

  void awaitAll(List<MessageKey> keys, Status status) {
    await().atMost(PATIENCE).until(() -> keys.stream()
        .allMatch(k -> find(k).map(MessageRecord::status).orElse(null) == status));
  }

  static List<Status> history(MessageRecord record) {
    return record.history().stream().map(HistoryEntry::status).toList();
  }

  double detected(long executingChainId) {
    return registry.get(Meters.MESSAGES_DETECTED)
        .tag(Meters.EXECUTING_CHAIN_ID, Long.toString(executingChainId)).counter().count();
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
