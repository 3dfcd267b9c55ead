package crosswatch.judge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import crosswatch.protocol.InitiatingBlock;
import java.util.Optional;

/**
 * Initiating blocks of one chain already fetched, by number, bounded by the number of logs they hold. Every message
 * pointing into a cached block is judged without another fetch; a reorg of the chain forgets the replaced numbers.
 */
final class BlockCache {
  private final Cache<Long, InitiatingBlock.Produced> blocks;

  BlockCache(long maxLogs) {
    this.blocks = Caffeine.newBuilder()
        .maximumWeight(maxLogs)
        .weigher((Long number, InitiatingBlock.Produced block) -> block.logs().size() + 1)
        .build();
  }

  Optional<InitiatingBlock.Produced> get(long number) {
    return Optional.ofNullable(blocks.getIfPresent(number));
  }

  void put(InitiatingBlock.Produced block) {
    blocks.put(block.number(), block);
  }

  void forgetAbove(long number) {
    blocks.asMap().keySet().removeIf(n -> n > number);
  }
}
