package crosswatch.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import crosswatch.protocol.DependencySet.ChainDependency;
import crosswatch.protocol.InitiatingBlock.Produced;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Properties of {@link Validity#judge} over generated valid fixtures and their broken variants. */
class ValidityPropertiesTest {

  /** A generated world, before it is assembled into a {@link Fixture}. */
  record World(ChainDependency initiating, ChainDependency executing, long expiryWindow, long slack,
               int delayPermille, long blockNumber, long firstLogIndex, List<LogEntry> logs) {}

  @Provide
  Arbitrary<Fixture> valid() {
    Arbitrary<Long> activations = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)), Tuple.of(3, Arbitraries.longs().between(1, 2_000_000_000L)));
    Arbitrary<ChainDependency> chains = Combinators.combine(Generators.chainIds(), activations,
        Arbitraries.longs().between(1, 12)).as(ChainDependency::new);
    Arbitrary<ChainDependency> executing = Arbitraries.frequencyOf(Tuple.of(3, chains),
        Tuple.of(1, Arbitraries.just((ChainDependency) null)));
    Arbitrary<LogEntry> logs = Combinators.combine(Generators.hexBytes(20),
        Generators.hexBytes(32).list().ofMaxSize(4),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Abi::hex))
        .as((address, topics, data) -> Fixture.log(address, 0, topics, data));
    Arbitrary<World> worlds = Combinators.combine(chains, executing,
        Arbitraries.longs().between(1, DependencySet.MAX_EXPIRY_WINDOW_SECONDS),
        Arbitraries.longs().between(0, 1_000_000_000L), Arbitraries.integers().between(0, 1000),
        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, 1L << 31),
        logs.list().ofMinSize(1).ofMaxSize(4)).as(World::new);
    return Combinators.combine(worlds, Arbitraries.integers().between(0, 3)).as(ValidityPropertiesTest::assemble);
  }

  /** Places the target log and the executing block so that every rule holds, with room to break each one. */
  private static Fixture assemble(World w, int targetSeed) {
    ChainDependency initiating = w.initiating();
    ChainDependency executing = w.executing() == null || w.executing().chainId().equals(initiating.chainId())
        ? initiating
        : w.executing();
    long initiatedAt = 1 + Math.max(initiating.activationTimestamp() + initiating.blockTimeSeconds(),
        executing.activationTimestamp() + executing.blockTimeSeconds()) + w.slack();
    List<LogEntry> logs = new ArrayList<>();
    for (int i = 0; i < w.logs().size(); i++) {
      LogEntry raw = w.logs().get(i);
      logs.add(Fixture.log(raw.address(), w.firstLogIndex() + i, raw.topics(), raw.data()));
    }
    LogEntry target = logs.get(targetSeed % logs.size());
    Identifier id = new Identifier(target.address(), BigInteger.valueOf(w.blockNumber()),
        BigInteger.valueOf(target.logIndex()), BigInteger.valueOf(initiatedAt), initiating.chainId());
    Map<BigInteger, ChainDependency> chains = new HashMap<>();
    chains.put(initiating.chainId(), initiating);
    chains.put(executing.chainId(), executing);
    return new Fixture(new ExecutingMessage(Fixture.msgHashOf(target), id), executing.chainId(),
        initiatedAt + w.expiryWindow() * w.delayPermille() / 1000, new DependencySet(chains, w.expiryWindow()),
        new Produced(w.blockNumber(), Fixture.word(1), initiatedAt, logs));
  }

  @Property
  void everyGeneratedFixtureIsValid(@ForAll("valid") Fixture fixture) {
    assertThat(fixture.verdict()).isEqualTo(Verdict.VALID);
    assertThat(fixture.verdictThroughLog()).isEqualTo(Verdict.VALID);
  }

  @Property
  void everyBrokenVariantIsInvalidWithItsReason(@ForAll("valid") Fixture fixture, @ForAll Breakage breakage,
                                                @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
    assertThat(breakage.judge(fixture, n)).isEqualTo(Verdict.invalid(breakage.expected));
  }

  @Property
  void aValidMessageWithoutItsBlockIsPending(@ForAll("valid") Fixture fixture) {
    assertThat(fixture.withInitiating(InitiatingBlock.NOT_YET_PRODUCED).verdict()).isEqualTo(Verdict.PENDING);
  }

  @Provide
  Arbitrary<BigInteger> wide() {
    BigInteger bound = BigInteger.ONE.shiftLeft(300);
    return Arbitraries.bigIntegers().between(bound.negate(), bound);
  }

  @Property
  void identifierNumbersOfAnySizeAreJudgedWithoutThrowing(@ForAll("valid") Fixture fixture,
                                                          @ForAll("wide") BigInteger blockNumber,
                                                          @ForAll("wide") BigInteger logIndex,
                                                          @ForAll("wide") BigInteger timestamp,
                                                          @ForAll("wide") BigInteger chainId) {
    Fixture wild = fixture.withIdentifierLogIndex(logIndex).withIdentifierTimestamp(timestamp)
        .withIdentifierChainId(chainId);
    assertThatCode(wild::verdict).doesNotThrowAnyException();
    assertThatCode(() -> wild.withIdentifierBlockNumber(blockNumber).withInitiating(InitiatingBlock.NOT_YET_PRODUCED)
        .verdict()).doesNotThrowAnyException();
  }

  @Test
  void theBreakagesCoverEveryReason() {
    assertThat(Arrays.stream(Breakage.values()).map(b -> b.expected).distinct()).containsExactlyInAnyOrder(
        Reason.values());
  }
}
