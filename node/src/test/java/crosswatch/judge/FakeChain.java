package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An initiating chain at the judge's edge: blocks set by the test, every read recorded, failure on demand. Partial
 * reads answer like a node filtering logs by emitter; complete reads answer from every endpoint: the chain's own
 * blocks at the first, and at further endpoints what the test says each of them holds (another block, nothing).
 */
final class FakeChain implements InitiatingBlocks {
  private final long chainId;
  private final Map<Long, InitiatingBlock.Produced> blocks = new ConcurrentHashMap<>();
  private final List<List<Long>> fetches = new CopyOnWriteArrayList<>();
  private final List<Long> confirmations = new CopyOnWriteArrayList<>();
  private final List<Map<Long, EndpointRead>> otherEndpoints = new CopyOnWriteArrayList<>();
  private volatile boolean failing;
  private volatile boolean hidingLogs;
  private volatile Runnable onFetch = () -> { };

  FakeChain(long chainId) {
    this.chainId = chainId;
  }

  void put(InitiatingBlock.Produced block) {
    blocks.put(block.number(), block);
  }

  void failing(boolean failing) {
    this.failing = failing;
  }

  /** Partial reads answer no logs at all, as a node whose log index lags does; complete reads stay true. */
  void hidingLogs(boolean hiding) {
    this.hidingLogs = hiding;
  }

  /** Adds an endpoint that answers complete reads of these numbers so (others as the chain holds them). */
  void addEndpoint(Map<Long, EndpointRead> answers) {
    otherEndpoints.add(Map.copyOf(answers));
  }

  /** Runs {@code action} at the next fetch, before it answers: what another writer does meanwhile. */
  void onNextFetch(Runnable action) {
    onFetch = () -> {
      onFetch = () -> { };
      action.run();
    };
  }

  List<List<Long>> fetches() {
    return fetches;
  }

  /** The numbers whose blocks were read completely to confirm a verdict, once per confirmation. */
  List<Long> confirmations() {
    return confirmations;
  }

  @Override
  public Map<Long, InitiatingBlock> at(Map<Long, Set<String>> originsByNumber, Set<Long> afresh)
      throws ChainUnavailable {
    fetches.add(List.copyOf(new TreeMap<>(originsByNumber).keySet()));
    onFetch.run();
    if (failing) {
      throw new ChainUnavailable(chainId, "the test made it fail", null);
    }
    var read = new TreeMap<Long, InitiatingBlock>();
    originsByNumber.forEach((number, origins) -> {
      InitiatingBlock.Produced block = blocks.get(number);
      read.put(number, block == null ? InitiatingBlock.NOT_YET_PRODUCED
          : new InitiatingBlock.Produced(number, block.hash(), block.timestamp(), hidingLogs ? List.of()
              : block.logs().stream().filter(l -> origins.contains(l.address())).toList()));
    });
    return read;
  }

  @Override
  public List<EndpointRead> everyEndpoint(long number) {
    confirmations.add(number);
    var reads = new ArrayList<EndpointRead>();
    reads.add(failing ? new EndpointRead.Failed("fake://primary", "the test made it fail")
        : new EndpointRead.Read("fake://primary", blocks.containsKey(number) ? blocks.get(number)
            : InitiatingBlock.NOT_YET_PRODUCED));
    for (int i = 0; i < otherEndpoints.size(); i++) {
      EndpointRead own = otherEndpoints.get(i).get(number);
      reads.add(own != null ? own : new EndpointRead.Read("fake://other-" + i, reads.getFirst() instanceof
          EndpointRead.Read r ? r.block() : InitiatingBlock.NOT_YET_PRODUCED));
    }
    return reads;
  }

  /** A block's logs without the one at {@code logIndex}: what a lying endpoint returns. */
  static InitiatingBlock.Produced without(InitiatingBlock.Produced block, long logIndex) {
    List<LogEntry> kept = block.logs().stream().filter(l -> l.logIndex() != logIndex).toList();
    return new InitiatingBlock.Produced(block.number(), block.hash(), block.timestamp(), kept);
  }
}
