package crosswatch.chain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where a replaced stretch of chain begins: the newest remembered block that is still canonical. */
final class Ancestors {
  private Ancestors() {}

  /**
   * @param rememberedNewestFirst blocks the scanner passed, newest first
   * @param canonical the chain's current hashes at (some of) those numbers; a missing number has no block now
   */
  static Optional<BlockRef> newestCommon(List<BlockRef> rememberedNewestFirst, Map<Long, String> canonical) {
    return rememberedNewestFirst.stream()
        .filter(block -> block.hash().equals(canonical.get(block.number())))
        .findFirst();
  }
}
