package crosswatch.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hashes of the last blocks the scanner passed (a bounded memory, the oldest forgotten first): what a reorg
 * is measured against. While catching up only range ends and blocks with logs are remembered.
 */
final class RecentBlocks {
  private final int capacity;
  private final TreeMap<Long, String> hashes = new TreeMap<>();

  RecentBlocks(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  void add(BlockRef block) {
    if (block.hash() == null) {
      return;
    }
    hashes.put(block.number(), block.hash());
    while (hashes.size() > capacity) {
      hashes.pollFirstEntry();
    }
  }

  Optional<String> hashAt(long number) {
    return Optional.ofNullable(hashes.get(number));
  }

  List<BlockRef> newestFirst() {
    var blocks = new ArrayList<BlockRef>(hashes.size());
    hashes.descendingMap().forEach((number, hash) -> blocks.add(new BlockRef(number, hash)));
    return blocks;
  }

  void forgetAbove(long number) {
    hashes.tailMap(number, false).clear();
  }
}
