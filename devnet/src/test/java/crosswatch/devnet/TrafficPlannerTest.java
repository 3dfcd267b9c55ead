package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class TrafficPlannerTest {
  private static final long HEAD = 2_000_000_000L;
  private static final int NEVER = Integer.MAX_VALUE;

  @Nested
  class ValidMessages {
    @Test
    void eachChainGetsOneMessagePointingAtALogNoNewerThanTheHead() {
      TrafficPlanner planner = planner(NEVER, List.of(Flaw.values()));
      List<ChainLogs> chains = List.of(
          chainLogs(901, HEAD - 10, HEAD - 1, HEAD + 30),
          chainLogs(902, HEAD, HEAD + 1));

      for (int round = 0; round < 50; round++) {
        Emission emission = planner.plan(HEAD, chains);
        assertThat(emission.flaws()).isEmpty();
        assertThat(emission.malformed()).isEmpty();
        assertThat(emission.executing()).hasSize(2);
        assertThat(emission.executing()).allSatisfy(spec ->
            assertThat(spec.timestamp().longValueExact()).isLessThanOrEqualTo(HEAD));
        assertThat(emission.executing()).allSatisfy(spec -> assertThat(isOneOf(spec, chains)).isTrue());
      }
    }

    @Test
    void aChainWithoutOldEnoughLogsGetsNone() {
      Emission emission = planner(NEVER, List.of(Flaw.values())).plan(HEAD, List.of(chainLogs(903, HEAD + 1)));

      assertThat(emission.executing()).isEmpty();
    }
  }

  @Nested
  class Mix {
    @Test
    void oneMessageInNIsInvalidCyclingThroughTheFlawsInOrder() {
      TrafficPlanner planner = planner(3, List.of(Flaw.values()));
      List<ChainLogs> chains = List.of(everyKindOfLog(901));
      List<Flaw> made = new ArrayList<>();
      int messages = 0;

      while (made.size() < 2 * Flaw.values().length) {
        Emission emission = planner.plan(HEAD, chains);
        messages += emission.executing().size() + emission.malformed().size();
        made.addAll(emission.flaws());
      }

      assertThat(messages).isEqualTo(3 * made.size());
      List<Flaw> twice = new ArrayList<>(List.of(Flaw.values()));
      twice.addAll(List.of(Flaw.values()));
      assertThat(made).isEqualTo(twice);
    }

    @Test
    void aFlawThatThisChainCannotHaveWaitsForOneThatCan() {
      TrafficPlanner planner = planner(1, List.of(Flaw.INITIATED_AFTER_EXECUTING));
      ChainLogs past = chainLogs(901, HEAD - 5);
      ChainLogs future = chainLogs(902, HEAD + TrafficPlanner.MARGIN_SECONDS + 1);

      Emission emission = planner.plan(HEAD, List.of(past, future));

      assertThat(emission.flaws()).containsExactly(Flaw.INITIATED_AFTER_EXECUTING);
      assertThat(emission.executing()).containsExactly(ExecSpec.of(past.recent().getFirst()),
          ExecSpec.of(future.recent().getFirst()));
    }
  }

  @Nested
  class Flaws {
    @Test
    void identifierFlawsBreakAnEligibleLogAsBrokenDoes() {
      for (Flaw flaw : List.of(Flaw.UNKNOWN_CHAIN, Flaw.LOG_MISSING, Flaw.ORIGIN_MISMATCH, Flaw.PAYLOAD_MISMATCH,
          Flaw.TIMESTAMP_MISMATCH)) {
        ChainLogs chain = chainLogs(901, HEAD - 3);

        Emission emission = planner(1, List.of(flaw)).plan(HEAD, List.of(chain));

        assertThat(emission.executing()).as(flaw.name())
            .containsExactly(Broken.valueOf(flaw.name()).spec(chain.recent().getFirst()));
      }
    }

    @Test
    void expiredPointsAtALogOlderThanTheWindow() {
      InitiatingLog old = log(901, HEAD - Broken.EXPIRY_WINDOW_SECONDS - 1);
      InitiatingLog edge = log(901, HEAD - Broken.EXPIRY_WINDOW_SECONDS);
      ChainLogs chain = new ChainLogs(901, List.of(log(901, HEAD - 2)), List.of(edge, old));

      for (int round = 0; round < 20; round++) {
        Emission emission = planner(1, List.of(Flaw.EXPIRED)).plan(HEAD, List.of(chain));
        assertThat(emission.executing()).containsExactly(ExecSpec.of(old));
      }
    }

    @Test
    void initiatedAfterExecutingPointsAtALogNewerThanTheHeadByTheMargin() {
      InitiatingLog within = log(901, HEAD + TrafficPlanner.MARGIN_SECONDS);
      InitiatingLog beyond = log(901, HEAD + TrafficPlanner.MARGIN_SECONDS + 1);
      ChainLogs chain = new ChainLogs(901, List.of(within, beyond), List.of());

      for (int round = 0; round < 20; round++) {
        Emission emission = planner(1, List.of(Flaw.INITIATED_AFTER_EXECUTING)).plan(HEAD, List.of(chain));
        assertThat(emission.executing()).containsExactly(ExecSpec.of(beyond));
      }
    }

    @Test
    void malformedEventsAreRawInboxLogsOfEachKindInTurn() {
      TrafficPlanner planner = planner(1, List.of(Flaw.MALFORMED_EVENT));
      ChainLogs chain = chainLogs(901, HEAD - 1);
      ExecSpec valid = ExecSpec.of(chain.recent().getFirst());

      List<RawLog> made = new ArrayList<>();
      for (int round = 0; round < Malformed.values().length; round++) {
        Emission emission = planner.plan(HEAD, List.of(chain));
        assertThat(emission.executing()).isEmpty();
        made.addAll(emission.malformed());
      }

      assertThat(made).isEqualTo(Arrays.stream(Malformed.values()).map(m -> m.log(valid)).toList());
    }
  }

  private static TrafficPlanner planner(int invalidEvery, List<Flaw> flaws) {
    return new TrafficPlanner(new MessageMix(invalidEvery, flaws), new SplittableRandom(7));
  }

  private static ChainLogs chainLogs(long chainId, long... timestamps) {
    return new ChainLogs(chainId, LongStream.of(timestamps).mapToObj(t -> log(chainId, t)).toList(), List.of());
  }

  /** Logs for every flaw: old enough to execute, newer than the head, and older than the expiry window. */
  private static ChainLogs everyKindOfLog(long chainId) {
    return new ChainLogs(chainId, List.of(log(chainId, HEAD - 1), log(chainId, HEAD + 60)),
        List.of(log(chainId, HEAD - Broken.EXPIRY_WINDOW_SECONDS - 60)));
  }

  private static InitiatingLog log(long chainId, long timestamp) {
    return new InitiatingLog(chainId, timestamp % 1_000, Hash.sha3String("block " + timestamp), 0, timestamp,
        "0x5fbdb2315678afecb367f032d93f642f64180aa3", List.of(Hash.sha3String("t" + timestamp)), "0x",
        Hash.sha3String("tx " + timestamp));
  }

  private static boolean isOneOf(ExecSpec spec, List<ChainLogs> chains) {
    return chains.stream().flatMap(c -> c.recent().stream()).map(ExecSpec::of).anyMatch(spec::equals);
  }
}
