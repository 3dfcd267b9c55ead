package crosswatch.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses the next batch of executing messages for one chain: one message from each chain's logs (its own
 * included), valid unless the {@link MessageMix} asks for a flaw. Pure: the logs and the executing chain's
 * head time come in, the batch goes out.
 */
final class TrafficPlanner {
  /** How much later than the head the batch's block may be: a flaw that depends on time keeps this margin. */
  static final long MARGIN_SECONDS = 5;

  private final MessageMix mix;
  private final RandomGenerator random;

  TrafficPlanner(MessageMix mix, RandomGenerator random) {
    this.mix = mix;
    this.random = random;
  }

  /** @param headTimestamp the executing chain's latest block time; the batch lands in a later block */
  Emission plan(long headTimestamp, List<ChainLogs> chains) {
    List<ExecSpec> executing = new ArrayList<>();
    List<Flaw> executingFlaws = new ArrayList<>();
    List<RawLog> malformed = new ArrayList<>();
    List<Long> malformedChainIds = new ArrayList<>();
    for (ChainLogs from : chains) {
      Optional<Flaw> flaw = mix.next();
      Optional<InitiatingLog> target = flaw.flatMap(f -> target(f, from, headTimestamp));
      if (flaw.isPresent() && target.isPresent()) {
        Flaw made = flaw.get();
        mix.made(made);
        if (made == Flaw.MALFORMED_EVENT) {
          malformed.add(mix.nextMalformed().log(ExecSpec.of(target.get())));
          malformedChainIds.add(from.chainId());
        } else {
          executing.add(made.spec(target.get()));
          executingFlaws.add(made);
        }
      } else {
        pick(from.recent(), log -> log.timestamp() <= headTimestamp).map(ExecSpec::of).ifPresent(spec -> {
          executing.add(spec);
          executingFlaws.add(null);
        });
      }
    }
    return new Emission(executing, executingFlaws, malformed, malformedChainIds);
  }

  private Optional<InitiatingLog> target(Flaw flaw, ChainLogs from, long headTimestamp) {
    return switch (flaw) {
      case EXPIRED -> pick(from.ancient(),
          log -> log.timestamp() + Broken.EXPIRY_WINDOW_SECONDS < headTimestamp);
      case INITIATED_AFTER_EXECUTING -> pick(from.recent(),
          log -> log.timestamp() > headTimestamp + MARGIN_SECONDS);
      default -> pick(from.recent(), log -> log.timestamp() <= headTimestamp);
    };
  }

  private Optional<InitiatingLog> pick(List<InitiatingLog> logs, Predicate<InitiatingLog> fits) {
    List<InitiatingLog> candidates = logs.stream().filter(fits).toList();
    return candidates.isEmpty()
        ? Optional.empty()
        : Optional.of(candidates.get(random.nextInt(candidates.size())));
  }
}
