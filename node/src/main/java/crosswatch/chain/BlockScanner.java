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

  private final long chainId;
  private final ChainRpc rpc;
  private final ChainEvents events;
  private final CheckpointStore checkpoints;
  private final ChainMeters meters;
  private final CatchUpProgress progress;
  private final RecentBlocks recent = new RecentBlocks(REMEMBERED_BLOCKS);
  private final ScannedHeaders scannedHeaders;
  private final SecondOpinion secondOpinion;
  private final TreeMap<Long, HeadSource.Seen> announced = new TreeMap<>();
  private RangeSize range;
  private boolean reorgSuspected;
  private boolean headWentBack;
  private String lastHeldAgainst;
  private volatile BlockRef cursor;
  private volatile BlockHeader head;

  BlockScanner(ChainRpc rpc, ChainEvents events, CheckpointStore checkpoints, ChainMeters meters,
               ChainSettings settings, ScannedHeaders scannedHeaders, SecondOpinion secondOpinion) {
    this.chainId = rpc.chainId();
    this.secondOpinion = secondOpinion;
    this.scannedHeaders = scannedHeaders;
    this.rpc = rpc;
    this.events = events;
    this.checkpoints = checkpoints;
    this.meters = meters;
    this.progress = new CatchUpProgress(chainId, settings.progressLogInterval());
    this.range = new RangeSize(settings.initialRange(), settings.maxRange());
  }

  /**
   * Places the cursor: after the checkpoint when there is one, else before the start block. Learns the head
   * first, so that a scanner taking over a quiet chain catches up at once instead of waiting for its next block.
   */
  void begin(StartBlock start) throws ChainUnavailable {
    head = rpc.latestHeader();
    meters.head(head.number());
    Optional<Checkpoint> saved = checkpoints.get(chainId);
    if (saved.isPresent()) {
      cursor = new BlockRef(saved.get().blockNumber(), saved.get().blockHash());
      recent.add(cursor);
      log.info("resuming from checkpoint chainId={} blockNumber={}", chainId, cursor.number());
    } else {
      long first = switch (start) {
        case StartBlock.Number n -> n.number();
        case StartBlock.Latest latest -> Math.max(0, head.number() - latest.behind());
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

  /**
   * Takes news of the head: blocks to follow, or a sign that scanned blocks were replaced (another hash at a
   * height passed). A head below the scanned blocks is no such sign: a node that lags, or is restarted, reports
   * one, and so does a chain that got shorter; a reorg is concluded only from another block at a height passed.
   */
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
    headBehind(newest);
    // A head at a height passed but not remembered (ranges remember only their ends) may sit on a replaced
    // stretch: held against the remembered blocks once, as they cost a read.
    if (cursor.hash() != null && newest.number() <= cursor.number() && recent.hashAt(newest.number()).isEmpty()
        && !newest.hash().equals(lastHeldAgainst)) {
      lastHeldAgainst = newest.hash();
      reorgSuspected = true;
    }
  }

  /** Says once (a log line and a count) when the head goes back below the scanned blocks, and when it is back. */
  private void headBehind(BlockHeader newest) {
    boolean below = cursor.hash() != null && newest.number() < cursor.number();
    if (below && !headWentBack) {
      meters.headWentBack();
      log.warn("head went back below the scanned blocks, waiting: not a reorg without another block at a height "
          + "passed chainId={} headBlock={} scannedBlock={}", chainId, newest.number(), cursor.number());
    } else if (!below && headWentBack) {
      log.info("head back at the scanned blocks chainId={} headBlock={} scannedBlock={}", chainId,
          newest.number(), cursor.number());
    }
    headWentBack = below;
  }

  void step() throws ChainUnavailable {
    if (reorgSuspected) {
      rewind(false);
      reorgSuspected = false;
      return;
    }
    announced.headMap(cursor.number(), true).clear();
    HeadSource.Seen next = announced.remove(cursor.number() + 1);
    if (next != null && cursor.hash() != null) {
      if (!next.header().parentHash().equals(cursor.hash())) {
        rewind(true);
        return;
      }
      if (follow(next)) {
        return;
      }
    }
    scanRange();
  }

  /**
   * The announced next block: nothing to ask when its bloom rules out inbox logs, else its inbox logs by hash.
   * False when the node refused (the block may be gone already).
   */
  private boolean follow(HeadSource.Seen next) throws ChainUnavailable {
    BlockHeader block = next.header();
    List<ChainLog> logs = List.of();
    int activeBefore = secondOpinion.activeNow();
    if (block.mayHoldExecutingMessages()) {
      try {
        logs = rpc.inboxLogs(block);
      } catch (ChainUnavailable e) {
        if (RpcClient.refused(e)) {
          return false;
        }
        throw e;
      }
      if (logs.isEmpty()) {
        logs = confirmed(block);
      }
      Optional<SecondOpinion.Disputed> disputed = disputed(logs, List.of(block), activeBefore);
      if (disputed.isPresent()) {
        throw notPassed(disputed.get());
      }
    }
    advance(FoundLogs.of(logs, List.of(block)), List.of(block), next.at(), List.of(block.ref()));
    return true;
  }

  private void scanRange() throws ChainUnavailable {
    long from = cursor.number() + 1;
    long to = Math.min(cursor.number() + range.blocks(), head.number());
    RangeScan scan;
    int activeBefore = secondOpinion.activeNow();
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
    range = range.answered(scan.logsTook());
    if (cursor.hash() != null && !scan.first().parentHash().equals(cursor.hash())) {
      rewind(true);
      return;
    }
    var logs = new ArrayList<>(scan.logs());
    for (BlockHeader block : scan.unexplained()) {
      try {
        logs.addAll(confirmed(block));
      } catch (ChainUnavailable e) {
        // Keep what is proven: the blocks before this one. The checkpoint never passes an unconfirmed block.
        if (block.number() > from) {
          advanceOver(scan.headers().subList(0, (int) (block.number() - from)), logs, seenAt);
        }
        throw e;
      }
    }
    Optional<SecondOpinion.Disputed> disputed = disputed(logs, scan.headers(), activeBefore);
    if (disputed.isPresent()) {
      long block = disputed.get().block().number();
      if (block > from) {
        advanceOver(scan.headers().subList(0, (int) (block - from)), logs, seenAt);
      }
      throw notPassed(disputed.get());
    }
    advanceOver(scan.headers(), logs, seenAt);
  }

  /**
   * The first of these blocks whose inbox logs another endpoint holds otherwise than {@code logs} (counted and
   * logged): one of the two made logs up, and which one no bloom shows, so the block is not passed until they agree.
   */
  private Optional<SecondOpinion.Disputed> disputed(List<ChainLog> logs, List<BlockHeader> blocks,
                                                    int activeBefore) {
    Optional<SecondOpinion.Disputed> disputed = secondOpinion.firstDisputed(logs, blocks, activeBefore);
    disputed.ifPresent(d -> {
      meters.disagreed();
      log.warn("block not passed: the endpoints hold different inbox logs chainId={} blockNumber={} blockHash={} "
          + "why=endpoints-disagree detail={}", chainId, d.block().number(), d.block().hash(), d.detail());
    });
    return disputed;
  }

  /** What stops the scan before a disputed block: it waits (with the chain's backoff) and reads the block again. */
  private ChainUnavailable notPassed(SecondOpinion.Disputed disputed) {
    return new ChainUnavailable(chainId, "block " + disputed.block().number() + " not passed: " + disputed.detail(),
        new RpcFailure(RpcFailure.Kind.INCONSISTENT, "the endpoints hold different inbox logs"));
  }

  private void advanceOver(List<BlockHeader> headers, List<ChainLog> logs, Instant seenAt) {
    long last = headers.getLast().number();
    List<ChainLog> found = logs.stream().filter(l -> l.blockNumber() <= last).toList();
    var passed = new ArrayList<BlockRef>(List.of(headers.getFirst().ref(), headers.getLast().ref()));
    found.forEach(l -> passed.add(new BlockRef(l.blockNumber(), l.blockHash())));
    advance(FoundLogs.of(found, headers), headers, seenAt, passed);
  }

  /**
   * The inbox logs of a block whose bloom admits some that an answer lacked. They are read again by hash; when
   * that is empty too, every log of the block is read and must match its bloom: then the bloom's "maybe" was a
   * false positive, or the inbox logs are among them. Until one read proves it, the block is not passed.
   */
  private List<ChainLog> confirmed(BlockHeader block) throws ChainUnavailable {
    List<ChainLog> logs = rpc.inboxLogs(block);
    if (logs.isEmpty()) {
      try {
        logs = rpc.completeLogs(block).stream().filter(ChainRpc::isInbox).toList();
      } catch (ChainUnavailable e) {
        meters.unverified();
        log.warn("block not passed: its logs cannot be confirmed against its logsBloom chainId={} blockNumber={} "
            + "blockHash={} error={}", chainId, block.number(), block.hash(), e.getMessage());
        throw e;
      }
    }
    if (!logs.isEmpty()) {
      meters.unverified();
      log.warn("an answer left out inbox logs that a read by hash found chainId={} blockNumber={} logs={}",
          chainId, block.number(), logs.size());
    }
    return logs;
  }

  private void advance(List<FoundLog> found, List<BlockHeader> headers, Instant seenAt,
                       Collection<BlockRef> passed) {
    BlockHeader last = headers.getLast();
    scannedHeaders.passed(headers);
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

  /**
   * Walks back to the newest block still canonical, marks what was replaced, and scans again from there; only
   * when the node proves a block passed was replaced ({@link Ancestors}). Otherwise the node only lacks blocks
   * passed, and nothing moves; when a block was nonetheless said not to follow the cursor, the node contradicts
   * itself (or the chain changed between two reads): the scan waits and asks again.
   *
   * @param parentMismatch a block was said to follow the cursor's height with another parent than the cursor
   */
  private void rewind(boolean parentMismatch) throws ChainUnavailable {
    Ancestors.Parting parting = Ancestors.find(rpc, recent.newestFirst(), cursor);
    if (!parting.replaced()) {
      if (parentMismatch) {
        announced.clear();
        throw new ChainUnavailable(chainId, "block " + (cursor.number() + 1) + " does not follow block "
            + cursor.number() + " as the node reports it", new RpcFailure(RpcFailure.Kind.INCONSISTENT,
            "headers contradict each other"));
      }
      return;
    }
    BlockRef ancestor = parting.ancestor();
    scannedHeaders.forgetAbove(ancestor.number());
    events.reorged(chainId, ancestor.number(), numbers -> Ancestors.canonical(rpc, numbers));
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
}
