package crosswatch.chain;

import crosswatch.judge.ChainEvents;
import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.FoundLog;
import crosswatch.metrics.ChainMeters;
import crosswatch.store.Checkpoint;
import crosswatch.store.CheckpointStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans one chain's blocks in order from a cursor, one step at a time: a range of blocks through eth_getLogs while
 * behind, one announced block by hash when following, or a walk back to the common ancestor when the chain no
 * longer continues from the cursor. Confined to the chain's scanner thread; head and cursor are readable by others.
 */
final class BlockScanner {
  private static final Logger log = LoggerFactory.getLogger(BlockScanner.class);
  private static final int REMEMBERED_BLOCKS = 1024;
  private static final int ANCESTOR_BATCH = 32;
  /** How far back scanning restarts when none of the remembered blocks is canonical any more. */
  static final long UNREMEMBERED_REORG_DEPTH = 1024;

  private final long chainId;
  private final ChainRpc rpc;
  private final ChainEvents events;
  private final CheckpointStore checkpoints;
  private final ChainMeters meters;
  private final CatchUpProgress progress;
  private final RecentBlocks recent = new RecentBlocks(REMEMBERED_BLOCKS);
  private final TreeMap<Long, HeadSource.Seen> announced = new TreeMap<>();
  private RangeSize range;
  private boolean reorgSuspected;
  private volatile BlockRef cursor;
  private volatile BlockHeader head;

  BlockScanner(ChainRpc rpc, ChainEvents events, CheckpointStore checkpoints, ChainMeters meters,
               ChainSettings settings) {
    this.chainId = rpc.chainId();
    this.rpc = rpc;
    this.events = events;
    this.checkpoints = checkpoints;
    this.meters = meters;
    this.progress = new CatchUpProgress(chainId, settings.progressLogInterval());
    this.range = new RangeSize(settings.initialRange(), settings.maxRange());
  }

  /** Places the cursor: after the checkpoint when there is one, else before the start block. */
  void begin(StartBlock start) throws ChainUnavailable {
    Optional<Checkpoint> saved = checkpoints.get(chainId);
    if (saved.isPresent()) {
      cursor = new BlockRef(saved.get().blockNumber(), saved.get().blockHash());
      recent.add(cursor);
      log.info("resuming from checkpoint chainId={} blockNumber={}", chainId, cursor.number());
    } else {
      long first = switch (start) {
        case StartBlock.Number n -> n.number();
        case StartBlock.Latest latest -> {
          head = rpc.latestHeader();
          yield Math.max(0, head.number() - latest.behind());
        }
      };
      cursor = BlockRef.before(first);
      log.info("starting without checkpoint chainId={} firstBlock={}", chainId, first);
    }
    if (cursor.number() >= 0) {
      events.scanned(chainId, cursor.number());
      meters.scanned(cursor.number(), -1);
    }
  }

  boolean caughtUp() {
    return !reorgSuspected && (head == null || cursor.number() >= head.number());
  }

  BlockRef cursor() {
    return cursor;
  }

  BlockHeader head() {
    return head;
  }

  /** Takes news of the head: blocks to follow, or a sign that scanned blocks were replaced. */
  void observe(List<HeadSource.Seen> seen) {
    for (HeadSource.Seen s : seen) {
      BlockHeader h = s.header();
      head = h;
      meters.head(h.number());
      if (h.number() > cursor.number()) {
        announced.put(h.number(), s);
      } else if (recent.hashAt(h.number()).filter(hash -> !hash.equals(h.hash())).isPresent()) {
        reorgSuspected = true;
      }
    }
    BlockHeader newest = seen.getLast().header();
    if (newest.number() < cursor.number() && cursor.hash() != null) {
      reorgSuspected = true;
    }
  }

  void step() throws ChainUnavailable {
    if (reorgSuspected) {
      rewind();
      reorgSuspected = false;
      return;
    }
    announced.headMap(cursor.number(), true).clear();
    HeadSource.Seen next = announced.remove(cursor.number() + 1);
    if (next != null && cursor.hash() != null) {
      if (!next.header().parentHash().equals(cursor.hash())) {
        rewind();
        return;
      }
      if (follow(next)) {
        return;
      }
    }
    scanRange();
  }

  /** The announced next block, by hash: one call. False when the node refused (the block may be gone already). */
  private boolean follow(HeadSource.Seen next) throws ChainUnavailable {
    BlockHeader block = next.header();
    List<ChainLog> logs;
    try {
      logs = rpc.inboxLogs(block);
    } catch (ChainUnavailable e) {
      if (RpcClient.refused(e)) {
        return false;
      }
      throw e;
    }
    advance(found(logs, Map.of(block.hash(), block.timestamp())), block, next.at(), List.of(block.ref()));
    return true;
  }

  private void scanRange() throws ChainUnavailable {
    long from = cursor.number() + 1;
    long to = Math.min(cursor.number() + range.blocks(), head.number());
    long started = System.nanoTime();
    RangeScan scan;
    try {
      scan = rpc.scan(from, to);
    } catch (ChainUnavailable e) {
      if (to > from && RpcClient.refused(e)) {
        range = range.refused();
        log.info("log range refused, narrowing chainId={} fromBlock={} toBlock={} rangeBlocks={}",
            chainId, from, to, range.blocks());
        return;
      }
      throw e;
    }
    Instant seenAt = Instant.now();
    range = range.answered(Duration.ofNanos(System.nanoTime() - started));
    if (cursor.hash() != null && !scan.first().parentHash().equals(cursor.hash())) {
      rewind();
      return;
    }
    var passed = new ArrayList<>(List.of(scan.first().ref(), scan.last().ref()));
    scan.logs().forEach(l -> passed.add(new BlockRef(l.blockNumber(), l.blockHash())));
    advance(found(scan.logs(), timestamps(scan)), scan.last(), seenAt, passed);
  }

  /** Block timestamps of the logs: carried by the logs, known from the range ends, or fetched in one batch. */
  private Map<String, Long> timestamps(RangeScan scan) throws ChainUnavailable {
    var known = new HashMap<String, Long>();
    known.put(scan.first().hash(), scan.first().timestamp());
    known.put(scan.last().hash(), scan.last().timestamp());
    scan.logs().forEach(l -> l.blockTimestamp().ifPresent(t -> known.put(l.blockHash(), t)));
    var missing = new HashSet<String>();
    scan.logs().stream().map(ChainLog::blockHash).filter(h -> !known.containsKey(h)).forEach(missing::add);
    if (!missing.isEmpty()) {
      rpc.headersByHash(missing).forEach((hash, header) -> known.put(hash, header.timestamp()));
    }
    return known;
  }

  private void advance(List<FoundLog> found, BlockHeader last, Instant seenAt, Collection<BlockRef> passed) {
    if (!found.isEmpty()) {
      events.found(chainId, found, seenAt);
    }
    passed.forEach(recent::add);
    cursor = last.ref();
    checkpoints.put(new Checkpoint(chainId, last.number(), last.hash()));
    events.scanned(chainId, last.number());
    meters.scanned(last.number(), last.timestamp());
    progress.scanned(last.number(), head.number());
  }

  /** Walks back to the newest block still canonical, marks what was replaced, and scans again from there. */
  private void rewind() throws ChainUnavailable {
    BlockRef ancestor = commonAncestor();
    if (ancestor.equals(cursor)) {
      return;
    }
    events.reorged(chainId, ancestor.number(), numbers -> hashes(rpc.headers(numbers)));
    long depth = cursor.number() - ancestor.number();
    recent.forgetAbove(ancestor.number());
    announced.clear();
    cursor = ancestor;
    if (ancestor.hash() != null) {
      checkpoints.put(new Checkpoint(chainId, ancestor.number(), ancestor.hash()));
    }
    meters.reorg();
    meters.scanned(ancestor.number(), -1);
    log.warn("reorg detected chainId={} ancestorBlock={} depth={}", chainId, ancestor.number(), depth);
  }

  private BlockRef commonAncestor() throws ChainUnavailable {
    List<BlockRef> remembered = recent.newestFirst();
    for (int i = 0; i < remembered.size(); i += ANCESTOR_BATCH) {
      List<BlockRef> chunk = remembered.subList(i, Math.min(remembered.size(), i + ANCESTOR_BATCH));
      Map<Long, String> canonical = hashes(rpc.headers(chunk.stream().map(BlockRef::number).toList()));
      Optional<BlockRef> common = Ancestors.newestCommon(chunk, canonical);
      if (common.isPresent()) {
        return common.get();
      }
    }
    long oldest = remembered.isEmpty() ? cursor.number() : remembered.getLast().number();
    long fallback = oldest - UNREMEMBERED_REORG_DEPTH;
    log.warn("no remembered block is canonical chainId={} oldestRememberedBlock={} rescanFromBlock={}",
        chainId, oldest, Math.max(0, fallback + 1));
    if (fallback < 0) {
      return BlockRef.before(0);
    }
    BlockHeader header = rpc.headers(List.of(fallback)).get(fallback);
    return new BlockRef(fallback, header == null ? null : header.hash());
  }

  private static Map<Long, String> hashes(Map<Long, BlockHeader> headers) {
    var hashes = new HashMap<Long, String>();
    headers.forEach((number, header) -> hashes.put(number, header.hash()));
    return hashes;
  }

  private static List<FoundLog> found(List<ChainLog> logs, Map<String, Long> timestamps) {
    return logs.stream()
        .map(l -> new FoundLog(l.blockNumber(), l.blockHash(), timestamps.get(l.blockHash()), l.transactionHash(),
            l.logIndex(), l.topics(), l.data()))
        .toList();
  }
}
