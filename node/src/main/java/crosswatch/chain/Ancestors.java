package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where a replaced stretch of chain begins: the newest remembered block that is still canonical. */
final class Ancestors {
  private static final Logger log = LoggerFactory.getLogger(Ancestors.class);
  private static final int BATCH = 32;
  /** How far back scanning restarts when none of the remembered blocks is canonical any more. */
  static final long UNREMEMBERED_REORG_DEPTH = 1024;

  private Ancestors() {}

  /**
   * Asks the chain for its hashes at the remembered numbers, newest first, a batch at a time, until one matches.
   * When none does (a reorg deeper than the memory, or one that happened while the node was down), scanning
   * restarts {@value #UNREMEMBERED_REORG_DEPTH} blocks below the oldest remembered block.
   */
  static BlockRef find(ChainRpc rpc, List<BlockRef> rememberedNewestFirst, BlockRef cursor) throws ChainUnavailable {
    for (int i = 0; i < rememberedNewestFirst.size(); i += BATCH) {
      List<BlockRef> chunk = rememberedNewestFirst.subList(i, Math.min(rememberedNewestFirst.size(), i + BATCH));
      Map<Long, String> canonical = hashes(rpc.headers(chunk.stream().map(BlockRef::number).toList()));
      Optional<BlockRef> common = newestCommon(chunk, canonical);
      if (common.isPresent()) {
        return common.get();
      }
    }
    long oldest = rememberedNewestFirst.isEmpty() ? cursor.number() : rememberedNewestFirst.getLast().number();
    long fallback = oldest - UNREMEMBERED_REORG_DEPTH;
    log.warn("no remembered block is canonical chainId={} oldestRememberedBlock={} rescanFromBlock={}",
        rpc.chainId(), oldest, Math.max(0, fallback + 1));
    if (fallback < 0) {
      return BlockRef.before(0);
    }
    BlockHeader header = rpc.headers(List.of(fallback)).get(fallback);
    return new BlockRef(fallback, header == null ? null : header.hash());
  }

  /**
   * @param rememberedNewestFirst blocks the scanner passed, newest first
   * @param canonical the chain's current hashes at (some of) those numbers; a missing number has no block now
   */
  static Optional<BlockRef> newestCommon(List<BlockRef> rememberedNewestFirst, Map<Long, String> canonical) {
    return rememberedNewestFirst.stream()
        .filter(block -> block.hash().equals(canonical.get(block.number())))
        .findFirst();
  }

  static Map<Long, String> hashes(Map<Long, BlockHeader> headers) {
    var hashes = new HashMap<Long, String>();
    headers.forEach((number, header) -> hashes.put(number, header.hash()));
    return hashes;
  }
}
