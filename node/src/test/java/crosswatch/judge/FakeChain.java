package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** An initiating chain at the judge's edge: blocks set by the test, every fetch recorded, failure on demand. */
final class FakeChain implements InitiatingBlocks {
  private final long chainId;
  private final Map<Long, InitiatingBlock> blocks = new ConcurrentHashMap<>();
  private final List<List<Long>> fetches = new CopyOnWriteArrayList<>();
  private volatile boolean failing;
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

  @Override
  public Map<Long, InitiatingBlock> at(Collection<Long> numbers) throws ChainUnavailable {
    fetches.add(List.copyOf(numbers));
    onFetch.run();
    if (failing) {
      throw new ChainUnavailable(chainId, "the test made it fail", null);
    }
    return numbers.stream().distinct().collect(Collectors.toMap(n -> n,
        n -> blocks.getOrDefault(n, InitiatingBlock.NOT_YET_PRODUCED)));
  }
}
