package crosswatch.protocol;

import static crosswatch.protocol.Fixture.EXECUTING_CHAIN;
import static crosswatch.protocol.Fixture.INITIATED_AT;
import static crosswatch.protocol.Fixture.INITIATING_ACTIVATION;
import static crosswatch.protocol.Fixture.INITIATING_CHAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crosswatch.protocol.DependencySet.ChainDependency;
import crosswatch.protocol.InitiatingBlock.Produced;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValidityTest {

  private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
  private final Fixture valid = Fixture.valid();

  private static Verdict invalid(Reason reason) {
    return Verdict.invalid(reason);
  }

  @Nested
  class Valid {
    @Test
    void theFixtureIsValid() {
      assertThat(valid.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMessageExecutedOnItsOwnInitiatingChainIsValid() {
      assertThat(valid.executingOn(INITIATING_CHAIN).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void addressAndHashCaseDoNotMatter() {
      Fixture upper = valid.withOrigin(valid.identifier().origin().toUpperCase().replace("0X", "0x"))
          .withMsgHash(valid.message().msgHash().toUpperCase().replace("0X", "0x"));
      assertThat(upper.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aMessageWithAnEmptyInitiatingLogIsValid() {
      LogEntry empty = Fixture.log(Fixture.ORIGIN, 1, List.of(), "0x");
      Fixture bare = valid.withLogs(List.of(empty)).withMsgHash(Fixture.msgHashOf(empty));
      assertThat(bare.verdict()).isEqualTo(Verdict.VALID);
    }
  }

  @Nested
  class UnknownChain {
    @Test
    void anIdentifierChainOutsideTheSetIsUnknown() {
      assertThat(valid.withIdentifierChainId(BigInteger.valueOf(1)).verdict()).isEqualTo(invalid(Reason.UNKNOWN_CHAIN));
    }

    @Test
    void anExecutingChainOutsideTheSetIsUnknown() {
      assertThat(valid.withoutChain(EXECUTING_CHAIN).verdict()).isEqualTo(invalid(Reason.UNKNOWN_CHAIN));
    }

    @Test
    void anUnknownChainIsReportedBeforeExpiry() {
      Fixture both = valid.withIdentifierChainId(BigInteger.TWO).executingAt(INITIATED_AT + 10_000_000);
      assertThat(both.verdict()).isEqualTo(invalid(Reason.UNKNOWN_CHAIN));
    }
  }

  @Nested
  class InteropActivation {
    @Test
    void anInitiatingTimestampBeforeActivationIsInactive() {
      assertThat(valid.activating(INITIATING_CHAIN, INITIATED_AT + 1).verdict())
          .isEqualTo(invalid(Reason.INTEROP_INACTIVE));
    }

    @Test
    void theInitiatingChainsActivationBlockCannotBeTheTarget() {
      // Block time 2: the block at INITIATED_AT is the first at or after activation INITIATED_AT - 1.
      assertThat(valid.activating(INITIATING_CHAIN, INITIATED_AT).verdict())
          .isEqualTo(invalid(Reason.INTEROP_INACTIVE));
      assertThat(valid.activating(INITIATING_CHAIN, INITIATED_AT - 1).verdict())
          .isEqualTo(invalid(Reason.INTEROP_INACTIVE));
    }

    @Test
    void theBlockAfterTheActivationBlockIsAccepted() {
      assertThat(valid.activating(INITIATING_CHAIN, INITIATED_AT - 2).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void anExecutingBlockBeforeActivationIsInactive() {
      assertThat(valid.activating(EXECUTING_CHAIN, valid.executingTimestamp() + 1).verdict())
          .isEqualTo(invalid(Reason.INTEROP_INACTIVE));
    }

    @Test
    void theExecutingChainsActivationBlockCannotHoldMessages() {
      assertThat(valid.activating(EXECUTING_CHAIN, valid.executingTimestamp()).verdict())
          .isEqualTo(invalid(Reason.INTEROP_INACTIVE));
    }

    @Test
    void activationAtGenesisHasNoActivationBlock() {
      ChainDependency fromGenesis = new ChainDependency(INITIATING_CHAIN, 0, 2);
      assertThat(fromGenesis.acceptsMessagesAt(BigInteger.ZERO)).isTrue();
      assertThat(fromGenesis.acceptsMessagesAt(BigInteger.TWO)).isTrue();
      assertThat(fromGenesis.acceptsMessagesAt(BigInteger.valueOf(-1))).isFalse();
    }

    @Test
    void aGenesisAfterActivationIsNotAnActivationBlock() {
      ChainDependency lateGenesis = new ChainDependency(INITIATING_CHAIN, 100, 2);
      assertThat(lateGenesis.acceptsMessagesAt(BigInteger.ONE)).isFalse();
      assertThat(lateGenesis.acceptsMessagesAt(BigInteger.valueOf(101))).isFalse();
      assertThat(lateGenesis.acceptsMessagesAt(BigInteger.valueOf(102))).isTrue();
    }
  }

  @Nested
  class InitiatedAfterExecuting {
    @Test
    void anInitiatingLogOneSecondAfterTheExecutingBlockIsFromTheFuture() {
      assertThat(valid.executingAt(INITIATED_AT - 1).verdict()).isEqualTo(invalid(Reason.INITIATED_AFTER_EXECUTING));
    }

    @Test
    void theSameTimestampIsValid() {
      assertThat(valid.executingAt(INITIATED_AT).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTimestampBeyondUint64IsFromTheFuture() {
      assertThat(valid.withIdentifierTimestamp(UINT64_LIMIT.shiftLeft(100)).verdict())
          .isEqualTo(invalid(Reason.INITIATED_AFTER_EXECUTING));
    }
  }

  @Nested
  class Expiry {
    private final long window = DependencySet.MAX_EXPIRY_WINDOW_SECONDS;

    @Test
    void aMessageExactlyAtTheWindowEdgeIsValid() {
      assertThat(valid.executingAt(INITIATED_AT + window).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void oneSecondPastTheWindowIsExpired() {
      assertThat(valid.executingAt(INITIATED_AT + window + 1).verdict()).isEqualTo(invalid(Reason.EXPIRED));
    }

    @Test
    void aShorterWindowOfTheDependencySetApplies() {
      Fixture hour = valid.withExpiryWindow(3600);
      assertThat(hour.executingAt(INITIATED_AT + 3600).verdict()).isEqualTo(Verdict.VALID);
      assertThat(hour.executingAt(INITIATED_AT + 3601).verdict()).isEqualTo(invalid(Reason.EXPIRED));
    }

    @Test
    void aDependencySetCannotLengthenTheWindow() {
      assertThatThrownBy(() -> valid.withExpiryWindow(window + 1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Pending {
    @Test
    void aNotYetProducedBlockIsPending() {
      assertThat(valid.withInitiating(InitiatingBlock.NOT_YET_PRODUCED).verdict()).isEqualTo(Verdict.PENDING);
    }

    @Test
    void rulesThatNeedNoBlockDecideWithoutIt() {
      Fixture expired = valid.withInitiating(InitiatingBlock.NOT_YET_PRODUCED).executingAt(INITIATED_AT + 700_000);
      assertThat(expired.verdict()).isEqualTo(invalid(Reason.EXPIRED));
    }

    @Test
    void aBlockNumberBeyondUint64IsNeverPending() {
      Fixture unreachable =
          valid.withIdentifierBlockNumber(UINT64_LIMIT).withInitiating(InitiatingBlock.NOT_YET_PRODUCED);
      assertThat(unreachable.verdict()).isEqualTo(invalid(Reason.TIMESTAMP_MISMATCH));
    }

    @Test
    void pendingIsOneValue() {
      assertThat(new Verdict.Pending()).isEqualTo(Verdict.PENDING);
    }
  }

  @Nested
  class TimestampMismatch {
    @Test
    void aBlockWithAnotherTimestampIsAMismatch() {
      assertThat(valid.withBlockTimestamp(INITIATED_AT + 2).verdict()).isEqualTo(invalid(Reason.TIMESTAMP_MISMATCH));
    }
  }

  @Nested
  class LogMissing {
    @Test
    void aLogIndexPastTheBlocksLogsIsMissing() {
      assertThat(valid.withIdentifierLogIndex(BigInteger.valueOf(3)).verdict()).isEqualTo(invalid(Reason.LOG_MISSING));
    }

    @Test
    void anEmptyBlockHasNoLog() {
      assertThat(valid.withLogs(List.of()).verdict()).isEqualTo(invalid(Reason.LOG_MISSING));
    }

    @Test
    void aLogIndexBeyondUint32IsMissing() {
      assertThat(valid.withIdentifierLogIndex(UINT64_LIMIT.shiftLeft(200)).verdict())
          .isEqualTo(invalid(Reason.LOG_MISSING));
    }
  }

  @Nested
  class OriginMismatch {
    @Test
    void aLogFromAnotherEmitterIsAMismatch() {
      assertThat(valid.withOrigin("0x1111111111111111111111111111111111111111").verdict())
          .isEqualTo(invalid(Reason.ORIGIN_MISMATCH));
    }
  }

  @Nested
  class PayloadMismatch {
    @Test
    void anotherMsgHashIsAMismatch() {
      assertThat(valid.withMsgHash(Fixture.word(7)).verdict()).isEqualTo(invalid(Reason.PAYLOAD_MISMATCH));
    }

    @Test
    void aLogWithOtherDataIsAMismatch() {
      List<LogEntry> logs = valid.block().logs().stream()
          .map(l -> l.logIndex() == 1 ? Fixture.log(l.address(), 1, l.topics(), "0x0102030406") : l)
          .toList();
      assertThat(valid.withLogs(logs).verdict()).isEqualTo(invalid(Reason.PAYLOAD_MISMATCH));
    }
  }

  @Nested
  class MalformedEvent {
    @Test
    void aMalformedLogIsInvalidWhateverTheBlock() {
      String shortData = Abi.identifierData(valid.identifier()).substring(0, 2 + 2 * 128);
      assertThat(valid.verdictOf(Abi.executingTopics(valid.message().msgHash()), shortData))
          .isEqualTo(invalid(Reason.MALFORMED_EVENT));
      assertThat(Validity.judge(new Decoded.Malformed("bad", null, null), EXECUTING_CHAIN, 0,
          valid.dependencies(), InitiatingBlock.NOT_YET_PRODUCED)).isEqualTo(invalid(Reason.MALFORMED_EVENT));
    }

    @Test
    void aWellFormedLogIsJudgedLikeItsMessage() {
      assertThat(valid.verdictThroughLog()).isEqualTo(Verdict.VALID);
    }
  }

  @Nested
  class Misuse {
    @Test
    void judgingAgainstAnotherBlockNumberIsRefused() {
      Fixture wrong = valid.withInitiating(new Produced(4510, Fixture.word(1), INITIATED_AT, valid.block().logs()));
      assertThatThrownBy(wrong::verdict).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4510");
    }

    @Test
    void aDependencySetRefusesAChainFiledUnderAnotherId() {
      ChainDependency chain = new ChainDependency(INITIATING_CHAIN, INITIATING_ACTIVATION, 2);
      assertThatThrownBy(() -> new DependencySet(Map.of(EXECUTING_CHAIN, chain), 60))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
