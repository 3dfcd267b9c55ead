package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the chain a node reports now parts from the blocks the scanner passed, and whether it proves that any of
 * them was replaced. A block is replaced only when the node names another block at its height and can read that
 * block back by its hash; a height the node has no block at (it lags, or its chain got shorter) proves nothing,
 * and a hash it cannot read back is a lie or a race, never a reorg.
 */
final class Ancestors {
  private static final Logger log = LoggerFactory.getLogger(Ancestors.class);
  private static final int BATCH = 32;
  /** How far back scanning restarts when none of the remembered blocks is canonical any more. */
  static final long UNREMEMBERED_REORG_DEPTH = 1024;

  private Ancestors() {}

  /**
   * @param ancestor the newest remembered block the node still has (or where to rescan from when none)
   * @param replaced whether some remembered block above {@code ancestor} is proven replaced: without that, the
   *     node only lacks blocks the scanner passed, and nothing is to be rescanned or marked
   */
  record Parting(BlockRef ancestor, boolean replaced) {}

  /**
   * One batch of remembered blocks held against the node's blocks at their numbers.
   *
   * @param common the newest remembered block the node has with the same hash
   * @param replacements the node's other blocks at the heights of remembered blocks newer than {@code common}
   */
  record Comparison(Optional<BlockRef> common, List<BlockRef> replacements) {
    Comparison {
      replacements = List.copyOf(replacements);
    }
  }

  /**
   * Asks the chain for its hashes at the remembered numbers, newest first, a batch at a time, until one matches;
   * each other hash it names at a remembered height is read back by hash before it counts as a replacement.
   * When no remembered block matches (a reorg deeper than the memory, or one that happened while the node was
   * down), scanning restarts {@value #UNREMEMBERED_REORG_DEPTH} blocks below the oldest remembered block.
   *
   * @throws ChainUnavailable also when the node names a block at a remembered height that it cannot read back
   */
  static Parting find(ChainRpc rpc, List<BlockRef> rememberedNewestFirst, BlockRef cursor) throws ChainUnavailable {
    boolean replaced = false;
    for (int i = 0; i < rememberedNewestFirst.size(); i += BATCH) {
      List<BlockRef> chunk = rememberedNewestFirst.subList(i, Math.min(rememberedNewestFirst.size(), i + BATCH));
      Comparison comparison = compare(chunk, hashes(rpc.headers(chunk.stream().map(BlockRef::number).toList())));
      replaced |= readBack(rpc, comparison.replacements());
      if (comparison.common().isPresent()) {
        return new Parting(comparison.common().get(), replaced);
      }
    }
    long oldest = rememberedNewestFirst.isEmpty() ? cursor.number() : rememberedNewestFirst.getLast().number();
    long fallback = oldest - UNREMEMBERED_REORG_DEPTH;
    if (!replaced) {
      return new Parting(cursor, false);
    }
    log.warn("no remembered block is canonical chainId={} oldestRememberedBlock={} rescanFromBlock={}",
        rpc.chainId(), oldest, Math.max(0, fallback + 1));
    if (fallback < 0) {
      return new Parting(BlockRef.before(0), true);
    }
    BlockHeader header = rpc.headers(List.of(fallback)).get(fallback);
    return new Parting(new BlockRef(fallback, header == null ? null : header.hash()), true);
  }

  /**
   * @param rememberedNewestFirst blocks the scanner passed, newest first
   * @param canonical the chain's current hashes at (some of) those numbers; a missing number has no block now
   */
  static Comparison compare(List<BlockRef> rememberedNewestFirst, Map<Long, String> canonical) {
    var replacements = new ArrayList<BlockRef>();
    for (BlockRef block : rememberedNewestFirst) {
      String now = canonical.get(block.number());
      if (block.hash().equals(now)) {
        return new Comparison(Optional.of(block), replacements);
      }
      if (now != null) {
        replacements.add(new BlockRef(block.number(), now));
      }
    }
    return new Comparison(Optional.empty(), replacements);
  }

  /**
   * Whether there are blocks to read back, each read back by its hash as the block at its height. A node that
   * names a block it cannot read back (a made-up hash) proves nothing; it is not believed, and the scan waits.
   */
  private static boolean readBack(ChainRpc rpc, List<BlockRef> blocks) throws ChainUnavailable {
    if (blocks.isEmpty()) {
      return false;
    }
    Map<String, BlockHeader> read = rpc.headersByHash(blocks.stream().map(BlockRef::hash).toList());
    for (BlockRef block : blocks) {
      BlockHeader header = read.get(block.hash());
      if (header == null || header.number() != block.number()) {
        throw new ChainUnavailable(rpc.chainId(), "block " + block.number() + " is named " + block.hash()
            + ", which the node cannot read back by hash",
            new RpcFailure(RpcFailure.Kind.INCONSISTENT, "unreadable block hash"));
      }
    }
    return true;
  }

  /**
   * The chain's hashes at these numbers, each read back by hash: what messages are held against to be marked
   * reorged, so a made-up hash fails the read instead of reorging them. A number with no block is absent.
   */
  static Map<Long, String> canonical(ChainRpc rpc, Collection<Long> numbers) throws ChainUnavailable {
    Map<Long, String> hashes = hashes(rpc.headers(numbers));
    readBack(rpc, hashes.entrySet().stream().map(e -> new BlockRef(e.getKey(), e.getValue())).toList());
    return hashes;
  }

  private static Map<Long, String> hashes(Map<Long, BlockHeader> headers) {
    var hashes = new HashMap<Long, String>();
    headers.forEach((number, header) -> hashes.put(number, header.hash()));
    return hashes;
  }
}
