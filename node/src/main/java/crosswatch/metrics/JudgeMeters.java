package crosswatch.metrics;

import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.JudgeListener;
import crosswatch.judge.Withheld;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Reason;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
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
 * The judging meters: messages found, first verdicts' delay, messages that became invalid and flips between valid
 * and invalid (every combination of chains, reasons and safety levels registered at zero, so alerts see the series
 * before the first event), valid messages their access list does not declare, RPC failures while judging, and
 * messages waiting for a block.
 */
public final class JudgeMeters implements JudgeListener {
  private final Map<String, Counter> detected = new HashMap<>();
  private final Map<String, Timer> delays = new HashMap<>();
  private final Map<String, Counter> invalid = new HashMap<>();
  private final Map<String, Counter> flips = new HashMap<>();
  private final Map<String, Counter> accessListProblems = new HashMap<>();
  private final Map<String, Counter> failures = new HashMap<>();
  private final Map<String, AtomicLong> waiting = new HashMap<>();
  private final Map<String, Counter> withheld = new HashMap<>();
  private final Map<String, Counter> disagreements = new HashMap<>();
  private final List<String> chains;
  private final Counter unindexed;

  /** @param chainIds every watched chain: the label values registered up front */
  public JudgeMeters(MeterRegistry registry, Collection<Long> chainIds) {
    chains = chainIds.stream().map(String::valueOf).toList();
    unindexed = Counter.builder(Meters.UNINDEXED_RECORDS).description(Meters.UNINDEXED_RECORDS_HELP)
        .register(registry);
    var initiating = new ArrayList<>(chains);
    initiating.add(Meters.UNCONFIGURED_CHAIN);
    for (String chain : chains) {
      detected.put(chain, Counter.builder(Meters.MESSAGES_DETECTED).description(Meters.MESSAGES_DETECTED_HELP)
          .tag(Meters.EXECUTING_CHAIN_ID, chain).register(registry));
      delays.put(chain, Timer.builder(Meters.DETECTION_DELAY).description(Meters.DETECTION_DELAY_HELP)
          .tag(Meters.EXECUTING_CHAIN_ID, chain).serviceLevelObjectives(Meters.LATENCY_BUCKETS).register(registry));
      failures.put(chain, Counter.builder(Meters.JUDGE_FAILURES).description(Meters.JUDGE_FAILURES_HELP)
          .tag(Meters.INITIATING_CHAIN_ID, chain).register(registry));
      var count = new AtomicLong();
      waiting.put(chain, count);
      Gauge.builder(Meters.JUDGE_WAITING, count, AtomicLong::get).description(Meters.JUDGE_WAITING_HELP)
          .tag(Meters.INITIATING_CHAIN_ID, chain).strongReference(true).register(registry);
      disagreements.put(chain, Counter.builder(Meters.RPC_DISAGREEMENTS).description(Meters.RPC_DISAGREEMENTS_HELP)
          .tag(Meters.CHAIN_ID, chain).register(registry));
      for (AccessListCheck result : List.of(AccessListCheck.MISSING, AccessListCheck.MISMATCH)) {
        accessListProblems.put(chain + "|" + result.wireName(), Counter.builder(Meters.ACCESS_LIST_PROBLEMS)
            .description(Meters.ACCESS_LIST_PROBLEMS_HELP)
            .tags(Meters.EXECUTING_CHAIN_ID, chain, Meters.RESULT, result.wireName()).register(registry));
      }
      for (String from : initiating) {
        for (Safety safety : Safety.values()) {
          flips.put(key(chain, from, safety.wireName()), Counter.builder(Meters.STATUS_FLIPS)
              .description(Meters.STATUS_FLIPS_HELP)
              .tags(Meters.EXECUTING_CHAIN_ID, chain, Meters.INITIATING_CHAIN_ID, from, Meters.SAFETY,
                  safety.wireName())
              .register(registry));
          for (Reason reason : Reason.values()) {
            invalid.put(key(chain, from, reason.wireName(), safety.wireName()),
                Counter.builder(Meters.INVALID_MESSAGES).description(Meters.INVALID_MESSAGES_HELP)
                    .tags(Meters.EXECUTING_CHAIN_ID, chain, Meters.INITIATING_CHAIN_ID, from, Meters.REASON,
                        reason.wireName(), Meters.SAFETY, safety.wireName())
                    .register(registry));
          }
        }
      }
    }
    // An executing log doubted can hold back a verdict on a message pointing into a chain nobody watches.
    for (String chain : initiating) {
      for (Withheld why : Withheld.values()) {
        withheld.put(key(chain, why.wireName()), Counter.builder(Meters.VERDICTS_WITHHELD)
            .description(Meters.VERDICTS_WITHHELD_HELP)
            .tags(Meters.INITIATING_CHAIN_ID, chain, Meters.WHY, why.wireName()).register(registry));
      }
    }
  }

  @Override
  public void found(MessageRecord record) {
    increment(detected.get(executing(record)));
  }

  @Override
  public void changed(MessageRecord before, MessageRecord after) {
    String chain = executing(after);
    String safety = after.executingSafety().wireName();
    if (after.status() == Status.INVALID && (before.status() != Status.INVALID || before.reason() != after.reason())) {
      increment(invalid.get(key(chain, initiating(after), after.reason().wireName(), safety)));
    }
    if (after.flips() > before.flips()) {
      increment(flips.get(key(chain, initiating(after), safety)));
    }
    if (after.hasAccessListProblem()
        && !(before.hasAccessListProblem() && before.accessList() == after.accessList())) {
      increment(accessListProblems.get(chain + "|" + after.accessList().wireName()));
    }
    Timer delay = delays.get(chain);
    if (delay != null && firstVerdict(before, after)) {
      delay.record(Duration.between(after.firstSeenAt(), after.history().getLast().at()));
    }
  }

  @Override
  public void failed(long initiatingChainId, ChainUnavailable error) {
    increment(failures.get(String.valueOf(initiatingChainId)));
  }

  @Override
  public void withheld(long initiatingChainId, Withheld why, int messages) {
    String id = String.valueOf(initiatingChainId);
    Counter counter = withheld.get(key(chains.contains(id) ? id : Meters.UNCONFIGURED_CHAIN, why.wireName()));
    if (counter != null) {
      counter.increment(messages);
    }
  }

  @Override
  public void disagreed(long chainId) {
    increment(disagreements.get(String.valueOf(chainId)));
  }

  @Override
  public void unindexed(int records) {
    unindexed.increment(records);
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

  private static String key(String... labels) {
    return String.join("|", labels);
  }

  private static void increment(Counter counter) {
    if (counter != null) {
      counter.increment();
    }
  }
}
