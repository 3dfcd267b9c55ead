package crosswatch.judge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crosswatch.protocol.InitiatingBlock;
import java.util.Optional;
import java.util.Set;

/**
 * Initiating blocks of one chain already read, by number, each with the origins whose logs it holds (or all of
 * them, for a block read completely), bounded by the number of logs held. Every message pointing into a cached
 * block at a cached origin is judged without another read; a reorg of the chain forgets the replaced numbers.
 */
final class BlockCache {
  /** A block as read: {@code origins} is empty when it holds every log of the block. */
  private record Entry(InitiatingBlock.Produced block, Set<String> origins) {
    boolean covers(String origin) {
      return origins.isEmpty() || origins.contains(origin);
    }
  }

  private final Cache<Long, Entry> blocks;

  BlockCache(long maxLogs) {
    this.blocks = Caffeine.newBuilder()
        .maximumWeight(maxLogs)
        .weigher((Long number, Entry entry) -> entry.block().logs().size() + 1)
        .build();
  }

  /** The block at {@code number} when it was read with the logs of {@code origin}. */
  Optional<InitiatingBlock.Produced> covering(long number, String origin) {
    return Optional.ofNullable(blocks.getIfPresent(number)).filter(e -> e.covers(origin)).map(Entry::block);
  }

  /** The origins the cached block at {@code number} holds logs of; empty when none is cached or all are. */
  Set<String> origins(long number) {
    Entry entry = blocks.getIfPresent(number);
    return entry == null ? Set.of() : entry.origins();
  }

  void put(InitiatingBlock.Produced block, Set<String> origins) {
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("a partial read holds the logs of at least one origin");
    }
    blocks.put(block.number(), new Entry(block, Set.copyOf(origins)));
  }

  void putComplete(InitiatingBlock.Produced block) {
    blocks.put(block.number(), new Entry(block, Set.of()));
  }

  void forgetAbove(long number) {
    blocks.asMap().keySet().removeIf(n -> n > number);
  }
}
