package crosswatch.metrics;

import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.JudgeListener;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageRecord;
import crosswatch.store.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The judging meters: messages found, first verdicts' delay, messages that became invalid (every combination of
 * chains and reasons registered at zero, so alerts see the series before the first invalid message), RPC failures
 * while judging, and messages waiting for a block.
 */
public final class JudgeMeters implements JudgeListener {
  private final Map<String, Counter> detected = new HashMap<>();
  private final Map<String, Timer> delays = new HashMap<>();
  private final Map<String, Counter> invalid = new HashMap<>();
  private final Map<String, Counter> failures = new HashMap<>();
  private final Map<String, AtomicLong> waiting = new HashMap<>();
  private final List<String> chains;

  /** @param chainIds every watched chain: the label values registered up front */
  public JudgeMeters(MeterRegistry registry, Collection<Long> chainIds) {
    chains = chainIds.stream().map(String::valueOf).toList();
    var initiating = new ArrayList<>(chains);
    initiating.add(Meters.UNCONFIGURED_CHAIN);
    for (String chain : chains) {
      detected.put(chain, Counter.builder(Meters.MESSAGES_DETECTED).description(Meters.MESSAGES_DETECTED_HELP)
          .tag(Meters.EXECUTING_CHAIN_ID, chain).register(registry));
      delays.put(chain, Timer.builder(Meters.DETECTION_DELAY).description(Meters.DETECTION_DELAY_HELP)
          .tag(Meters.CHAIN_ID, chain).serviceLevelObjectives(Meters.LATENCY_BUCKETS).register(registry));
      failures.put(chain, Counter.builder(Meters.JUDGE_FAILURES).description(Meters.JUDGE_FAILURES_HELP)
          .tag(Meters.CHAIN_ID, chain).register(registry));
      var count = new AtomicLong();
      waiting.put(chain, count);
      Gauge.builder(Meters.JUDGE_WAITING, count, AtomicLong::get).description(Meters.JUDGE_WAITING_HELP)
          .tag(Meters.CHAIN_ID, chain).strongReference(true).register(registry);
      for (String from : initiating) {
        for (Reason reason : Reason.values()) {
          invalid.put(invalidKey(chain, from, reason), Counter.builder(Meters.INVALID_MESSAGES)
              .description(Meters.INVALID_MESSAGES_HELP)
              .tags(Meters.EXECUTING_CHAIN_ID, chain, Meters.INITIATING_CHAIN_ID, from, Meters.REASON,
                  reason.wireName())
              .register(registry));
        }
      }
    }
  }

  @Override
  public void found(MessageRecord record) {
    Counter counter = detected.get(executing(record));
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void changed(MessageRecord before, MessageRecord after) {
    String chain = executing(after);
    if (after.status() == Status.INVALID && (before.status() != Status.INVALID || before.reason() != after.reason())) {
      Counter counter = invalid.get(invalidKey(chain, initiating(after), after.reason()));
      if (counter != null) {
        counter.increment();
      }
    }
    Timer delay = delays.get(chain);
    if (delay != null && firstVerdict(before, after)) {
      delay.record(Duration.between(after.firstSeenAt(), after.history().getLast().at()));
    }
  }

  @Override
  public void failed(long initiatingChainId, ChainUnavailable error) {
    Counter counter = failures.get(String.valueOf(initiatingChainId));
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void waiting(long initiatingChainId, int count) {
    AtomicLong gauge = waiting.get(String.valueOf(initiatingChainId));
    if (gauge != null) {
      gauge.set(count);
    }
  }

  /** The first time a message leaves pending for valid or invalid: what detection delay measures. */
  private static boolean firstVerdict(MessageRecord before, MessageRecord after) {
    return (after.status() == Status.VALID || after.status() == Status.INVALID)
        && before.history().stream().map(HistoryEntry::status).allMatch(s -> s == Status.PENDING);
  }

  private static String executing(MessageRecord record) {
    return String.valueOf(record.key().executingChainId());
  }

  /** The initiating chain's label: its id when it is watched, else one shared value (ids are unbounded). */
  private String initiating(MessageRecord record) {
    String id = String.valueOf(record.initiatingChainId());
    return chains.contains(id) ? id : Meters.UNCONFIGURED_CHAIN;
  }

  private static String invalidKey(String executing, String initiating, Reason reason) {
    return executing + "|" + initiating + "|" + reason.wireName();
  }
}
