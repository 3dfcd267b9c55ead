package crosswatch.app;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.protocol.DependencySet;
import crosswatch.store.CheckpointStore;
import crosswatch.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * Wires chain access, scanning and judging for every configured chain. TODO(pipeline): implement.
 * start() returns once every chain has a scanner running (an unreachable chain is retried in the background).
 */
public final class Pipeline implements AutoCloseable {

  public Pipeline(List<ChainEndpoint> chains, Map<Long, StartBlock> startBlocks, DependencySet dependencies,
                  MessageStore store, CheckpointStore checkpoints, MeterRegistry registry, String nodeName) {
  }

  public void start() {
  }

  @Override
  public void close() {
  }
}
