package crosswatch.judge;

import crosswatch.store.Hash32;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.MessageStore;
import crosswatch.store.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each new invalid verdict on a message executed on one chain with two or more endpoints until every endpoint
 * confirms the executing log it rests on ({@link ExecutingConfirmation}), on its own virtual thread; then writes
 * it. Meanwhile the message keeps its status; a verdict that is doubted is tried again later (counted as withheld,
 * why {@code executing-unconfirmed}), and one whose message changed meanwhile is dropped, as the writer would, the
 * message handed back to be judged again when it is still pending.
 */
final class InvalidVerdictGate implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InvalidVerdictGate.class);
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

  private final long chainId;
  private final ExecutingLogs logs;
  private final StatusWriter writer;
  private final MessageStore store;
  private final JudgeListener listener;
  private final Consumer<List<MessageRecord>> judgeAgain;
  private final LinkedBlockingQueue<StatusWriter.Change> arrived = new LinkedBlockingQueue<>();
  // Confined to the worker.
  private final Map<MessageKey, StatusWriter.Change> held = new LinkedHashMap<>();
  private int failures;
  private long retryAtNanos;
  private Worker worker;

  /** @param judgeAgain takes messages still pending whose held verdict was overtaken by another change */
  InvalidVerdictGate(long chainId, ExecutingLogs logs, StatusWriter writer, MessageStore store,
                     JudgeListener listener, Consumer<List<MessageRecord>> judgeAgain) {
    this.chainId = chainId;
    this.logs = logs;
    this.writer = writer;
    this.store = store;
    this.listener = listener;
    this.judgeAgain = judgeAgain;
  }

  void start() {
    worker = Worker.start("invalid-gate-" + chainId, this::confirmDue);
  }

  /** Invalid verdicts to write once confirmed; a later one for a message replaces the one held. */
  void hold(List<StatusWriter.Change> changes) {
    arrived.addAll(changes);
  }

  private void confirmDue() throws InterruptedException {
    StatusWriter.Change first = held.isEmpty() ? arrived.take()
        : arrived.poll(Math.max(0, retryAtNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    var news = new ArrayList<StatusWriter.Change>();
    if (first != null) {
      news.add(first);
    }
    arrived.drainTo(news);
    news.forEach(c -> held.put(c.base().key(), c));
    try {
      round();
    } catch (RuntimeException e) {
      log.error("confirming invalid verdicts failed executingChainId={} messages={}", chainId, held.size(), e);
    }
    if (held.isEmpty()) {
      failures = 0;
    } else {
      failures++;
      retryAtNanos = System.nanoTime() + RETRY.delay(failures, ThreadLocalRandom.current()).toNanos();
    }
  }

  /** Reads each held message's block at every endpoint once, writes what is confirmed, and keeps the rest. */
  private void round() {
    var overtaken = new ArrayList<MessageKey>();
    held.values().removeIf(c -> {
      boolean changed = store.find(c.base().key()).map(r -> !r.stamp().equals(c.base().stamp())).orElse(false);
      if (changed) {
        overtaken.add(c.base().key());
      }
      return changed;
    });
    Map<Hash32, List<StatusWriter.Change>> byBlock = held.values().stream().collect(Collectors.groupingBy(
        c -> c.base().key().executingBlockHash(), LinkedHashMap::new, Collectors.toList()));
    var confirmed = new ArrayList<StatusWriter.Change>();
    byBlock.values().forEach(changes -> {
      MessageRecord any = changes.getFirst().base();
      List<ExecutingRead> reads = logs.everyEndpoint(any.executingBlockNumber(),
          any.key().executingBlockHash().toString());
      var doubted = new ArrayList<MessageRecord>();
      var details = new ArrayList<ExecutingConfirmation.Doubt>();
      for (StatusWriter.Change change : changes) {
        Optional<ExecutingConfirmation.Doubt> doubt = ExecutingConfirmation.of(change.base(), reads);
        doubt.ifPresentOrElse(d -> {
          doubted.add(change.base());
          details.add(d);
        }, () -> confirmed.add(change));
      }
      if (!doubted.isEmpty()) {
        withhold(any, doubted, details);
      }
    });
    confirmed.forEach(c -> held.remove(c.base().key()));
    Set<MessageKey> stored = writer.write(confirmed).stream().map(c -> c.base().key()).collect(Collectors.toSet());
    confirmed.stream().map(c -> c.base().key()).filter(k -> !stored.contains(k)).forEach(overtaken::add);
    List<MessageRecord> pending = overtaken.stream().map(store::find).flatMap(Optional::stream)
        .filter(r -> r.status() == Status.PENDING && !r.isFinal()).toList();
    if (!pending.isEmpty()) {
      judgeAgain.accept(pending);
    }
  }

  private void withhold(MessageRecord any, List<MessageRecord> doubted, List<ExecutingConfirmation.Doubt> doubts) {
    boolean disagreement = doubts.stream().anyMatch(ExecutingConfirmation.Doubt::disagreement);
    if (disagreement) {
      listener.disagreed(chainId);
    }
    doubted.stream().collect(Collectors.groupingBy(MessageRecord::initiatingChainId, Collectors.counting()))
        .forEach((initiating, count) -> listener.withheld(initiating, Withheld.EXECUTING_UNCONFIRMED,
            count.intValue()));
    log.warn("invalid verdicts withheld: executing log not confirmed at every endpoint, messages keep their status "
            + "executingChainId={} blockNumber={} messages={} why={} disagreement={} firstId={} detail={}", chainId,
        any.executingBlockNumber(), doubted.size(), Withheld.EXECUTING_UNCONFIRMED.wireName(), disagreement,
        doubted.getFirst().key(), doubts.getFirst().detail());
  }

  @Override
  public void close() {
    Worker.stop(worker);
  }
}
