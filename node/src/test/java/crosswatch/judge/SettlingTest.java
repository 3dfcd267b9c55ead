package crosswatch.judge;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessList;
import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Decoded;
import crosswatch.protocol.ExecutingMessage;
import crosswatch.protocol.ExecutingMessageDecoder;
import crosswatch.protocol.InitiatingBlock;
import crosswatch.protocol.Reason;
import crosswatch.protocol.Verdict;
import crosswatch.store.ChainHead;
import crosswatch.store.Hash32;
import crosswatch.store.HeadBlock;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettlingTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final Stamp STAMP = new Stamp(5, "node-a");
  private static final InitiatingBlock.Produced BLOCK = Messages.block(10, 2);
  private static final FoundLog LOG = Messages.pointingAt(BLOCK, 1, 40, 0);

  private static MessageRecord found() {
    return Verdicts.discovered(Messages.EXECUTING, LOG, ExecutingMessageDecoder.decode(LOG.topics(), LOG.data()), AT,
        STAMP);
  }

  /** A chain whose safe head is at {@code safe} and finalized head at {@code finalized}. */
  private static Optional<ChainHead> head(long chainId, long safe, long finalized) {
    String hash = Messages.hash(7);
    return Optional.of(new ChainHead(chainId, new HeadBlock(safe + 5, hash, 0), new HeadBlock(safe, hash, 0),
        new HeadBlock(finalized, hash, 0)));
  }

  private static MessageRecord settled(Verdict verdict, Optional<ChainHead> executing,
                                       Optional<ChainHead> initiating) {
    MessageRecord judged = Verdicts.judged(found(), verdict, AT, STAMP);
    return Settling.settled(judged, verdict, executing, initiating, true, STAMP);
  }

  @Nested
  class SafetyLevels {
    @Test
    void unknownHeadsLeaveBothBlocksUnsafe() {
      MessageRecord r = settled(Verdict.VALID, Optional.empty(), Optional.empty());

      assertThat(r.executingSafety()).isEqualTo(Safety.UNSAFE);
      assertThat(r.initiatingSafety()).isEqualTo(Safety.UNSAFE);
    }

    @Test
    void eachBlockIsJudgedByItsOwnChainsHeads() {
      MessageRecord r = settled(Verdict.VALID, head(Messages.EXECUTING, 40, 30), head(Messages.INITIATING, 20, 10));

      assertThat(r.executingSafety()).isEqualTo(Safety.SAFE);
      assertThat(r.initiatingSafety()).isEqualTo(Safety.FINALIZED);
      assertThat(r.isFinal()).isFalse();
    }
  }

  @Nested
  class FinalityRule {
    @Test
    void aVerdictReachedWithBothBlocksFinalizedIsFinal() {
      MessageRecord r = settled(Verdict.VALID, head(Messages.EXECUTING, 50, 40), head(Messages.INITIATING, 20, 10));

      assertThat(r.isFinal()).isTrue();
      assertThat(r.status()).isEqualTo(Status.VALID);
    }

    @Test
    void aPendingVerdictIsNeverFinal() {
      MessageRecord r = settled(Verdict.PENDING, head(Messages.EXECUTING, 50, 40),
          head(Messages.INITIATING, 20, 10));

      assertThat(r.isFinal()).isFalse();
      assertThat(r.executingSafety()).isEqualTo(Safety.FINALIZED);
    }

    @Test
    void anInitiatingBlockNotYetFinalizedKeepsTheVerdictOpen() {
      MessageRecord r = settled(Verdict.VALID, head(Messages.EXECUTING, 50, 40), head(Messages.INITIATING, 20, 9));

      assertThat(r.isFinal()).isFalse();
    }

    @Test
    void aMalformedMessageNeedsOnlyItsExecutingBlockFinalized() {
      MessageRecord malformed = Verdicts.judged(found(), Verdict.invalid(Reason.MALFORMED_EVENT), AT, STAMP);

      MessageRecord r = Settling.raised(malformed, head(Messages.EXECUTING, 50, 40), Optional.empty(), STAMP);

      assertThat(r.isFinal()).isTrue();
      assertThat(r.reason()).isEqualTo(Reason.MALFORMED_EVENT);
    }

    @Test
    void aReorgedMessageIsNeverFinal() {
      MessageRecord reorged = Verdicts.reorged(found(), AT, STAMP);

      assertThat(Settling.finalizable(reorged, Safety.FINALIZED, Safety.FINALIZED, true)).isFalse();
    }
  }

  @Nested
  class AccessLists {
    @Test
    void theMessagesOwnKeysConfirmIt() {
      MessageRecord r = found();
      List<String> keys = AccessList.storageKeys(new ExecutingMessage(Hash32.text(r.msgHash()), r.identifier()));

      assertThat(Settling.accessList(r, keys)).isEqualTo(AccessListCheck.OK);
      assertThat(Settling.accessList(r, List.of())).isEqualTo(AccessListCheck.MISSING);
      assertThat(Settling.accessList(r, List.of(keys.getFirst()))).isEqualTo(AccessListCheck.MISMATCH);
    }

    @Test
    void aMessageWithoutIdentifierCannotBeDeclared() {
      FoundLog garbled = new FoundLog(40, Messages.hash(40), 0, Messages.hash(41), 0,
          List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC), "0x");
      Decoded decoded = ExecutingMessageDecoder.decode(garbled.topics(), garbled.data());
      MessageRecord r = Verdicts.discovered(Messages.EXECUTING, garbled, decoded, AT, STAMP);

      assertThat(Settling.accessList(r, List.of())).isEqualTo(AccessListCheck.MISSING);
    }
  }
}
