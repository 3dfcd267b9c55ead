package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Verdict;
import crosswatch.store.ChainHead;
import crosswatch.store.ChainHeads;
import crosswatch.store.HybridClock;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges every message that points into one initiating chain, on its own virtual thread, so a slow chain delays
 * only the messages that need it. Events arrive in the chain's order (messages to judge, blocks scanned, reorgs);
 * each round fetches the blocks it needs in one batch, judges every waiting message against them, and writes.
 */
final class InitiatingChainJudge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InitiatingChainJudge.class);
  private static final long CACHED_LOGS = 200_000;

  private sealed interface Event permits Judge, Scanned, Reorged {}

  private record Judge(List<MessageRecord> records) implements Event {}

  private record Scanned(long blockNumber) implements Event {}

  private record Reorged(long ancestor) implements Event {}

  /** What a judge works with besides its own chain: shared by the judges of all chains. */
  /**
   * @param gate takes the changes about to be written and returns those to write now, holding back the new
   *     invalid verdicts whose executing log must be confirmed first
   */
  record Context(Verdicts verdicts, StatusWriter writer, UnaryOperator<List<StatusWriter.Change>> gate,
                 MessageStore store, HybridClock clock, JudgeListener listener, Backoff retry, ChainHeads heads) {}

  private final long chainId;
  private final InitiatingBlocks blocks;
  private final Context context;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final PendingIndex waiting = new PendingIndex();
  private final BlockCache cache = new BlockCache(CACHED_LOGS);
  private long scanned = -1;
  private int failures;
  private long retryAtNanos;
  private Worker worker;

  InitiatingChainJudge(long chainId, InitiatingBlocks blocks, Context context) {
    this.chainId = chainId;
    this.blocks = blocks;
    this.context = context;
  }

  void start() {
    worker = Worker.start("judge-" + chainId, this::judgeDue);
  }

  void judge(List<MessageRecord> records) {
    events.add(new Judge(List.copyOf(records)));
  }

  void scanned(long blockNumber) {
    events.add(new Scanned(blockNumber));
  }

  void reorged(long ancestor) {
    events.add(new Reorged(ancestor));
  }

  /** Waits for events (or the retry time), applies them, and judges every message they made due. */
  private void judgeDue() throws InterruptedException {
    var due = new ArrayList<MessageRecord>();
    try {
      Event first = retryAtNanos == 0 ? events.take()
          : events.poll(retryAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
      var batch = new ArrayList<Event>();
      if (first != null) {
        batch.add(first);
      }
      events.drainTo(batch);
      batch.forEach(e -> apply(e, due));
      if (retryAtNanos != 0 && System.nanoTime() >= retryAtNanos) {
        retryAtNanos = 0;
        due.addAll(waiting.release(scanned));
      }
      if (!due.isEmpty()) {
        round(due);
      }
    } catch (RuntimeException e) {
      log.error("judging round failed initiatingChainId={} messages={}", chainId, due.size(), e);
      due.forEach(waiting::add);
      retryLater();
    }
    context.listener().waiting(chainId, waiting.size());
  }

  private void apply(Event event, List<MessageRecord> due) {
    switch (event) {
      case Judge j -> due.addAll(j.records());
      case Scanned s -> {
        scanned = s.blockNumber();
        due.addAll(waiting.release(scanned));
      }
      case Reorged r -> {
        scanned = Math.min(scanned, r.ancestor());
        cache.forgetAbove(r.ancestor());
        // Judged again once the chain is scanned past their block anew; until then they keep their status.
        context.store().initiatedIn(chainId, r.ancestor() + 1, Long.MAX_VALUE).stream()
            .filter(m -> m.status() != Status.REORGED && !m.isFinal())
            .forEach(waiting::add);
      }
    }
  }

  /**
   * One pass over the due messages: plan which blocks to read, read them in one go, judge every message, confirm
   * each verdict a single answer could have got wrong, and write. Heads are read before the blocks, so a message
   * made final was judged on blocks read after both were finalized.
   */
  private void round(List<MessageRecord> due) {
    var latest = new LinkedHashMap<MessageKey, MessageRecord>();
    due.stream().filter(r -> !r.isFinal()).forEach(r -> latest.put(r.key(), r));
    Optional<ChainHead> ownHead = context.heads().of(chainId);
    var executingHeads = new HashMap<Long, Optional<ChainHead>>();
    Function<MessageRecord, Finality.Heads> heads = r -> new Finality.Heads(
        executingHeads.computeIfAbsent(r.key().executingChainId(), context.heads()::of), ownHead, true);
    Reads reads = plan(latest.values(), r -> Finality.due(r, heads.apply(r)));
    Map<Long, InitiatingBlock> fetched;
    try {
      fetched = read(reads);
    } catch (ChainUnavailable e) {
      latest.values().forEach(waiting::add);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      retryLater();
      context.listener().failed(chainId, e);
      log.warn("initiating blocks unavailable, messages stay pending initiatingChainId={} messages={} "
          + "failures={} error={}", chainId, latest.size(), failures, e.getMessage());
      return;
    }
    failures = 0;
    var judged = new ArrayList<Judged>();
    var unsure = new TreeMap<Long, List<MessageRecord>>();
    for (MessageRecord record : latest.values()) {
      long number = PendingIndex.initiatingBlock(record);
      if (number > scanned && record.status() != Status.PENDING) {
        waiting.add(record);
        continue;
      }
      InitiatingBlock block = number > scanned ? InitiatingBlock.NOT_YET_PRODUCED
          : fetched.containsKey(number) ? fetched.get(number)
          : cache.covering(number, record.identifier().origin()).map(InitiatingBlock.class::cast)
              .orElse(InitiatingBlock.NOT_YET_PRODUCED);
      Verdict verdict = context.verdicts().verdict(record, block);
      if (needsConfirmation(verdict, block)) {
        unsure.computeIfAbsent(number, n -> new ArrayList<>()).add(record);
      } else {
        judged.add(new Judged(record, block, verdict));
      }
    }
    unsure.forEach((number, records) -> judged.addAll(confirmed(number, records)));
    write(judged, heads);
  }

  /** A message with the block it was judged against and the verdict reached. */
  private record Judged(MessageRecord record, InitiatingBlock block, Verdict verdict) {}

  /**
   * The blocks to read with the origins whose logs each must hold, and those of them a verdict may become final on,
   * whose header must be read afresh too.
   */
  private record Reads(Map<Long, Set<String>> origins, Set<Long> afresh) {}

  /**
   * The blocks to read: a block not cached with a message's origin, or any block a verdict may become final on
   * (the cached copy, and the header the scanner passed, may predate a reorg). A cached block's origins are asked
   * for again, so the new copy serves everything the old one did.
   */
  private Reads plan(Collection<MessageRecord> records, Predicate<MessageRecord> finalizable) {
    var reads = new TreeMap<Long, Set<String>>();
    var afresh = new TreeSet<Long>();
    for (MessageRecord r : records) {
      long number = PendingIndex.initiatingBlock(r);
      String origin = r.identifier().origin();
      boolean mayBecomeFinal = number <= scanned && finalizable.test(r);
      if (mayBecomeFinal) {
        afresh.add(number);
      }
      if (number <= scanned && (mayBecomeFinal || cache.covering(number, origin).isEmpty())) {
        reads.computeIfAbsent(number, n -> new TreeSet<>(cache.origins(n))).add(origin);
      }
    }
    return new Reads(reads, afresh);
  }

  private Map<Long, InitiatingBlock> read(Reads reads) throws ChainUnavailable {
    if (reads.origins().isEmpty()) {
      return Map.of();
    }
    Map<Long, InitiatingBlock> fetched = blocks.at(reads.origins(), reads.afresh());
    fetched.forEach((number, block) -> {
      if (block instanceof InitiatingBlock.Produced produced) {
        cache.put(produced, reads.origins().get(number));
      }
    });
    return fetched;
  }

  /**
   * An invalid verdict that rests on the block's logs or timestamp: a lagging node's empty answer or a lying
   * node's wrong one would produce it, so it is only written once the block is confirmed.
   */
  private static boolean needsConfirmation(Verdict verdict, InitiatingBlock block) {
    return verdict instanceof Verdict.Invalid && block instanceof InitiatingBlock.Produced;
  }

  /**
   * Judges again, on the block read completely from every endpoint, the messages whose verdict needs it. When the
   * endpoints fail or disagree, a message that one endpoint's complete block proves valid is valid (a valid
   * verdict never needed more than one consistent answer); the other verdicts are withheld: those messages keep
   * their status and are judged again later.
   */
  private List<Judged> confirmed(long number, List<MessageRecord> records) {
    List<EndpointRead> reads = blocks.everyEndpoint(number);
    Confirmation confirmation = Confirmation.of(number, reads);
    if (confirmation instanceof Confirmation.Agreed agreed) {
      if (agreed.block() instanceof InitiatingBlock.Produced complete) {
        cache.putComplete(complete);
      }
      return records.stream()
          .map(r -> new Judged(r, agreed.block(), context.verdicts().verdict(r, agreed.block()))).toList();
    }
    if (confirmation instanceof Confirmation.Disagreed disagreed) {
      context.listener().disagreed(chainId);
      log.warn("endpoints disagree initiatingChainId={} blockNumber={} detail={}", chainId, number,
          disagreed.detail());
    }
    var judged = new ArrayList<Judged>();
    var withheld = new ArrayList<MessageRecord>();
    for (MessageRecord record : records) {
      reads.stream().filter(EndpointRead.Read.class::isInstance).map(r -> ((EndpointRead.Read) r).block())
          .filter(b -> context.verdicts().verdict(record, b) instanceof Verdict.Valid).findFirst()
          .ifPresentOrElse(b -> judged.add(new Judged(record, b, Verdict.VALID)), () -> withheld.add(record));
    }
    if (!withheld.isEmpty()) {
      withhold(number, withheld, confirmation);
    }
    return judged;
  }

  private void withhold(long number, List<MessageRecord> records, Confirmation confirmation) {
    Withheld why = confirmation instanceof Confirmation.Disagreed ? Withheld.DISAGREEMENT : Withheld.UNCONFIRMED;
    String detail = switch (confirmation) {
      case Confirmation.Disagreed d -> d.detail();
      case Confirmation.Unconfirmed u -> u.detail();
      case Confirmation.Agreed a -> throw new IllegalArgumentException("an agreed block withholds nothing");
    };
    records.forEach(waiting::add);
    retryLater();
    context.listener().withheld(chainId, why, records.size());
    log.warn("verdicts withheld, messages keep their status initiatingChainId={} blockNumber={} messages={} "
        + "why={} firstId={} detail={}", chainId, number, records.size(), why.wireName(),
        records.getFirst().key(), detail);
  }

  /** Writes each verdict with the safeties and finality the heads read before its block give it. */
  private void write(List<Judged> judged, Function<MessageRecord, Finality.Heads> heads) {
    Instant now = Instant.now();
    var changes = new ArrayList<StatusWriter.Change>();
    for (Judged j : judged) {
      MessageRecord record = j.record();
      MessageRecord update = Finality.settle(
          Verdicts.judged(record, j.verdict(), now, context.clock().after(record.stamp())),
          Optional.of(j.verdict()), heads.apply(record), context.clock().next());
      if (j.verdict() instanceof Verdict.Pending) {
        waiting.add(update);
      }
      var change = new StatusWriter.Change(record, update);
      if (change.statusChanged() || change.lifecycleChanged() || j.block() instanceof InitiatingBlock.Produced) {
        changes.add(change);
      }
    }
    List<StatusWriter.Change> writeNow = context.gate().apply(changes);
    judgeAgainIfOvertaken(writeNow, context.writer().write(writeNow));
  }

  /**
   * A verdict is dropped when its message changed after it was read: another replica found or judged it too (a hot
   * standby, a healed partition). While the stored version is still pending nobody has judged it, and it would
   * wait for the sweep; it is judged again from that version instead. Once a verdict is stored nothing is redone,
   * so two judges cannot keep overtaking each other.
   */
  private void judgeAgainIfOvertaken(List<StatusWriter.Change> written, List<StatusWriter.Change> stored) {
    Set<MessageKey> kept = stored.stream().map(c -> c.base().key()).collect(Collectors.toSet());
    List<MessageRecord> overtaken = written.stream().map(c -> c.base().key()).filter(k -> !kept.contains(k))
        .map(context.store()::find).flatMap(Optional::stream)
        .filter(r -> r.status() == Status.PENDING && !r.isFinal()).toList();
    if (!overtaken.isEmpty()) {
      judge(overtaken);
    }
  }

  private void retryLater() {
    failures++;
    retryAtNanos = System.nanoTime() + context.retry().delay(failures, ThreadLocalRandom.current()).toNanos();
  }

  @Override
  public void close() {
    Worker.stop(worker);
  }
}
