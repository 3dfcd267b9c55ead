package crosswatch.judge;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Decoded;
import crosswatch.protocol.DependencySet;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Reason;
import crosswatch.protocol.Verdict;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what scanning finds into judged, stored messages: stores each new message before the scanner moves on,
 * hands it to the judge of the chain it points into, marks messages of reorged-out blocks, and makes them pending
 * again when their block returns to the chain. Messages pointing at a chain that is not watched are judged at once
 * on what the dependency set says (unknown chain: invalid).
 * In a cluster only the chains this replica owns are judged here ({@link #own}); messages pointing into a chain
 * owned by another replica are stored pending and left to it.
 * Afterwards it follows each message to finality: heads passing its blocks settle it ({@link SafetyRaiser}), its access
 * list is confirmed once ({@link AccessListChecker}), and a slow sweep catches whatever an event missed.
 */
public final class Judging implements ChainEvents, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Judging.class);
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
  public static final Duration DEFAULT_SWEEP = Duration.ofSeconds(60);

  private final MessageStore store;
  private final HybridClock clock;
  private final JudgeListener listener;
  private final Verdicts verdicts;
  private final StatusWriter writer;
  private final Map<Long, InitiatingBlocks> chains;
  private final InitiatingChainJudge.Context context;
  private final Map<Long, InitiatingChainJudge> judges = new ConcurrentHashMap<>();
  private final Set<Long> owned = ConcurrentHashMap.newKeySet();
  private final Map<Long, AccessListChecker> checkers = new HashMap<>();
  private final Map<Long, InvalidVerdictGate> gates = new HashMap<>();
  private final ChainHeads heads;
  private final SafetyRaiser safety;
  private final Duration sweepInterval;
  private Worker sweeper;

  /** Judging without access-list checks, with heads kept in this process and the default sweep. */
  public Judging(Map<Long, InitiatingBlocks> chains, DependencySet dependencies, MessageStore store,
                 HybridClock clock, JudgeListener listener) {
    this(chains, Map.of(), dependencies, store, clock, listener,
        new ChainHeads(new ConcurrentHashMap<>()), DEFAULT_SWEEP);
  }

  /**
   * @param chains every watched chain's blocks, by chain id
   * @param accessLists the chains whose executing transactions' access lists are confirmed, by chain id
   * @param heads where every chain's heads are shared
   * @param sweepInterval how often every message not yet final is looked at again, in case an event was missed
   */
  public Judging(Map<Long, InitiatingBlocks> chains, Map<Long, AccessLists> accessLists,
                 DependencySet dependencies, MessageStore store, HybridClock clock, JudgeListener listener,
                 ChainHeads heads, Duration sweepInterval) {
    this(chains, accessLists, Map.of(), dependencies, store, clock, listener, heads, sweepInterval);
  }

  /**
   * @param executingLogs the chains with two or more endpoints, whose every endpoint must hold the executing log
   *     of a message before it is found invalid, by chain id
   */
  public Judging(Map<Long, InitiatingBlocks> chains, Map<Long, AccessLists> accessLists,
                 Map<Long, ExecutingLogs> executingLogs, DependencySet dependencies, MessageStore store,
                 HybridClock clock, JudgeListener listener, ChainHeads heads, Duration sweepInterval) {
    this.store = store;
    this.clock = clock;
    this.listener = listener;
    this.heads = heads;
    this.sweepInterval = sweepInterval;
    this.verdicts = new Verdicts(dependencies);
    this.writer = new StatusWriter(store, listener);
    this.chains = Map.copyOf(chains);
    executingLogs.forEach((chainId, logs) ->
        gates.put(chainId, new InvalidVerdictGate(chainId, logs, writer, store, listener, this::dispatch)));
    this.context = new InitiatingChainJudge.Context(verdicts, writer, this::gate, store, clock, listener, RETRY,
        heads);
    chains.forEach((chainId, blocks) -> judges.put(chainId, new InitiatingChainJudge(chainId, blocks, context)));
    this.safety = new SafetyRaiser(store, heads, writer, clock, owned::contains, this::dispatch);
    accessLists.forEach((chainId, lists) ->
        checkers.put(chainId, new AccessListChecker(chainId, lists, writer)));
  }

  /** Judges the messages initiated on every watched chain: what a replica that owns every chain does. */
  public void start() {
    startChecksAndSweep();
    chains.keySet().forEach(this::own);
  }

  /**
   * Starts what every replica runs whatever chains it owns: the access-list checkers (fed only with messages of
   * chains owned here) and the slow sweep.
   */
  public synchronized void startChecksAndSweep() {
    if (sweeper != null) {
      return;
    }
    checkers.values().forEach(AccessListChecker::start);
    gates.values().forEach(InvalidVerdictGate::start);
    sweeper = Worker.start("sweep", () -> {
      Thread.sleep(sweepInterval);
      sweep();
    });
    log.info("sweep started sweepInterval={}", sweepInterval);
  }

  /**
   * Judges the messages initiated on {@code chainId} from now on, starting with every one still pending in the
   * store (a restart or a takeover resumes them). Its scanner must run on this replica too: judging waits for
   * the chain to be scanned past a message's initiating block.
   */
  public synchronized void own(long chainId) {
    if (chains.containsKey(chainId) && owned.add(chainId)) {
      judges.get(chainId).start();
      List<MessageRecord> pending = store.pending().stream().filter(r -> r.initiatingChainId() == chainId).toList();
      log.info("judging started initiatingChainId={} pendingMessages={}", chainId, pending.size());
      dispatch(pending);
    }
  }

  /** Stops judging the messages initiated on {@code chainId}: they stay pending for the chain's new owner. */
  public synchronized void disown(long chainId) {
    if (owned.remove(chainId)) {
      judges.put(chainId, new InitiatingChainJudge(chainId, chains.get(chainId), context)).close();
      log.info("judging stopped initiatingChainId={}", chainId);
    }
  }

  /**
   * Pending messages that reached the store some other way (another replica found them or saw their executing
   * block return to the chain, a partition healed): judged here when their initiating chain is owned here, else
   * left to its owner. Messages pointing at a chain nobody watches were judged by the replica that found them.
   */
  public void stored(Collection<MessageRecord> records) {
    dispatch(records.stream()
        .filter(r -> r.status() == Status.PENDING && chains.containsKey(r.initiatingChainId()))
        .toList());
  }

  @Override
  public void found(long chainId, List<FoundLog> logs, Instant seenAt) {
    var discovered = new ArrayList<StatusWriter.Change>();
    var returned = new ArrayList<StatusWriter.Change>();
    var toJudge = new ArrayList<MessageRecord>();
    for (FoundLog log : logs) {
      Optional<MessageRecord> known = store.find(new MessageKey(chainId, log.blockHash(), log.logIndex()));
      if (known.isPresent() && known.get().status() != Status.REORGED) {
        if (known.get().history().isEmpty()) {
          // Another site found it and this site never judged it: its backup may have reached the store without an
          // event (state transfer), so this site's judge hears of it here rather than at the next sweep.
          toJudge.add(known.get());
        }
        continue;
      }
      Decoded decoded = ExecutingMessageDecoder.decode(log.topics(), log.data());
      if (known.isPresent()) {
        // Its block is canonical again. Pending is stored, not just handed to a judge here: the judge of its
        // initiating chain may run on another replica, which learns of it only from the store.
        returned.add(new StatusWriter.Change(known.get(),
            verdicts.returned(known.get(), decoded, seenAt, clock.after(known.get().stamp()))));
        continue;
      }
      MessageRecord found = Verdicts.discovered(chainId, log, decoded, seenAt, clock.next());
      Verdict first = verdicts.beforeAnyBlock(decoded, chainId, log.blockTimestamp());
      // The verdict follows the discovery in the history even when both fall in one clock tick.
      Instant now = Instant.now();
      Instant judgedAt = now.isAfter(seenAt) ? now : seenAt.plusNanos(1);
      var change = new StatusWriter.Change(found,
          first instanceof Verdict.Pending ? found : Verdicts.judged(found, first, judgedAt, clock.next()));
      discovered.add(change);
      if (!change.statusChanged()) {
        toJudge.add(found);
      }
    }
    // A log found invalid at once is stored pending until its executing log is confirmed (when that is needed).
    writer.add(discovered.stream().map(c -> gated(c) ? new StatusWriter.Change(c.base(), c.base()) : c).toList());
    gate(discovered);
    List<StatusWriter.Change> back = writer.write(gate(returned));
    Map<MessageKey, Status> wrote = returned.stream()
        .collect(Collectors.toMap(c -> c.base().key(), c -> c.update().status(), (a, b) -> b));
    for (StatusWriter.Change c : back) {
      MessageRecord r = c.update();
      log.info("message back in a canonical block id={} executingChainId={} initiatingChainId={} status={}",
          r.key(), chainId, r.initiatingChainId(), wrote.get(r.key()).wireName());
      // The stored version: the judge's verdict is written only if based on its stamp. It may be judged already
      // (by the owner of its initiating chain on another replica), and then needs nothing more here.
      if (r.status() == Status.PENDING) {
        toJudge.add(r);
      }
    }
    dispatch(toJudge);
    checkAccessLists(discovered.stream().map(StatusWriter.Change::update).toList());
  }

  @Override
  public void headsMoved(ChainHead head) {
    safety.headsMoved(head);
  }

  /**
   * Catches what events missed: records that reached the store without an event are indexed first (else no query
   * here would ever return them: a message another replica's conflict resolution wrote here after a partition healed
   * stayed pending on every replica), then pending messages are judged again, messages behind the heads are settled,
   * and unchecked access lists are checked again, of messages found a sweep ago or earlier (a newer one's first check
   * may still be under way: checking it again would read its transaction twice).
   */
  void sweep() {
    int unindexed = store.reindex();
    if (unindexed > 0) {
      listener.unindexed(unindexed);
      log.warn("sweep found records that arrived without an event records={}", unindexed);
    }
    List<MessageRecord> open = store.notFinal().stream().filter(r -> r.status() != Status.REORGED).toList();
    dispatch(open.stream().filter(r -> r.status() == Status.PENDING).toList());
    safety.raiseDue(open.stream().filter(r -> r.status() != Status.PENDING).toList());
    Instant foundBefore = Instant.now().minus(sweepInterval);
    checkAccessLists(open.stream().filter(r -> r.firstSeenAt().isBefore(foundBefore)).toList());
    log.debug("sweep done openMessages={}", open.size());
  }

  private void checkAccessLists(Collection<MessageRecord> records) {
    records.stream().filter(r -> r.accessList() == AccessListCheck.UNCHECKED)
        .collect(Collectors.groupingBy(r -> r.key().executingChainId()))
        .forEach((chainId, group) -> Optional.ofNullable(checkers.get(chainId))
            .filter(c -> owned.contains(chainId)).ifPresent(c -> c.check(group)));
  }

  @Override
  public void scanned(long chainId, long blockNumber) {
    judge(chainId).ifPresent(j -> j.scanned(blockNumber));
  }

  @Override
  public void reorged(long chainId, long ancestor, CanonicalHashes canonical) throws ChainUnavailable {
    List<MessageRecord> above = store.executedIn(chainId, ancestor + 1, Long.MAX_VALUE).stream()
        .filter(r -> r.status() != Status.REORGED).toList();
    if (!above.isEmpty()) {
      Map<Long, String> hashes =
          canonical.at(above.stream().map(MessageRecord::executingBlockNumber).distinct().toList());
      List<MessageKey> gone = above.stream()
          .filter(r -> !r.key().executingBlockHash().toString().equals(hashes.get(r.executingBlockNumber())))
          .map(MessageRecord::key).toList();
      Instant now = Instant.now();
      var stored = writer.update(gone,
          r -> r.status() == Status.REORGED ? r : Verdicts.reorged(r, now, clock.after(r.stamp())));
      log.info("messages reorged out executingChainId={} ancestorBlock={} messages={}", chainId, ancestor,
          stored.size());
    }
    judge(chainId).ifPresent(j -> j.reorged(ancestor));
  }

  /** Hands well-formed messages to the judge of their initiating chain, or judges them now when none watches it. */
  private void dispatch(Collection<MessageRecord> records) {
    Instant now = Instant.now();
    var unwatched = new ArrayList<StatusWriter.Change>();
    records.stream().filter(r -> !r.isFinal()).collect(Collectors.groupingBy(MessageRecord::initiatingChainId))
        .forEach((chainId, group) -> {
          Optional<InitiatingChainJudge> judge = judge(chainId);
          if (judge.isPresent()) {
            judge.get().judge(group);
          } else if (!chains.containsKey(chainId)) {
            group.forEach(r -> unwatched.add(new StatusWriter.Change(r, judgedUnwatched(r, now))));
          }
        });
    unwatched.stream().filter(c -> !c.statusChanged() && c.update().status() == Status.PENDING).forEach(c -> log.warn(
        "initiating chain not watched, message stays pending id={} initiatingChainId={}", c.base().key(),
        c.base().identifier().chainId()));
    writer.write(gate(unwatched.stream().filter(c -> c.statusChanged() || c.lifecycleChanged()).toList()));
  }

  /**
   * The changes to write now: a new invalid verdict on a message executed on a chain with two or more endpoints
   * is held instead, until every endpoint confirms its executing log ({@link InvalidVerdictGate}). Meanwhile the
   * message is pending, and whoever judges it again reaches the same verdict from its record; not so a malformed
   * log, whose fault the record does not keep: that verdict is written at once, from the log as found.
   */
  private List<StatusWriter.Change> gate(List<StatusWriter.Change> changes) {
    changes.stream().filter(this::gated).collect(Collectors.groupingBy(c -> c.base().key().executingChainId()))
        .forEach((chainId, held) -> gates.get(chainId).hold(held));
    return changes.stream().filter(c -> !gated(c)).toList();
  }

  private boolean gated(StatusWriter.Change change) {
    return change.statusChanged() && change.update().status() == Status.INVALID
        && change.update().reason() != Reason.MALFORMED_EVENT
        && gates.containsKey(change.base().key().executingChainId());
  }

  /** Judged on what the dependency set says; no block of its initiating chain is ever read. */
  private MessageRecord judgedUnwatched(MessageRecord r, Instant now) {
    Verdict verdict = verdicts.verdict(r, InitiatingBlock.NOT_YET_PRODUCED);
    return Finality.settle(Verdicts.judged(r, verdict, now, clock.after(r.stamp())), Optional.of(verdict),
        new Finality.Heads(heads.of(r.key().executingChainId()), Optional.empty(), false), clock.next());
  }

  /** The judge of a chain owned here; empty for a chain that is not watched or is owned by another replica. */
  private Optional<InitiatingChainJudge> judge(long chainId) {
    return owned.contains(chainId) ? Optional.ofNullable(judges.get(chainId)) : Optional.empty();
  }

  /** Stops the sweep, the checkers and every judge; messages still waiting stay pending in the store. */
  @Override
  public synchronized void close() {
    Worker.stop(sweeper);
    checkers.values().forEach(AccessListChecker::close);
    gates.values().forEach(InvalidVerdictGate::close);
    owned.clear();
    judges.values().forEach(InitiatingChainJudge::close);
  }
}
