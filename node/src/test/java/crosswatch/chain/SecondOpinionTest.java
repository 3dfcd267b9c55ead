package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.chain.SecondOpinion.Holding;
import crosswatch.protocol.ExecutingMessageDecoder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How one endpoint's inbox logs of a block stand to another's: the comparison the scanner records by. */
class SecondOpinionTest {
  private static final String BLOCK = "0x" + "b".repeat(64);
  private static final String TX = "0x" + "1".repeat(64);
  private static final String OTHER_TX = "0x" + "2".repeat(64);
  private static final String DATA = "0x" + "00".repeat(31) + "02";
  private static final String FORGED = "0x" + "00".repeat(31) + "03";

  private static ChainLog log(long index, String tx, String data, OptionalLong timestamp) {
    return new ChainLog(7, BLOCK, timestamp, tx, index, ExecutingMessageDecoder.CROSS_L2_INBOX,
        List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC, "0x" + "a".repeat(64)), data);
  }

  private static ChainLog log(long index, String data) {
    return log(index, TX, data, OptionalLong.empty());
  }

  @Test
  void theSameLogsInAnotherOrderAgree() {
    assertThat(SecondOpinion.compare(List.of(log(0, DATA), log(3, DATA)), List.of(log(3, DATA), log(0, DATA))))
        .isEqualTo(Holding.SAME);
  }

  @Test
  void aBlockTimestampOnlyOneNodeIncludesIsNoDifference() {
    assertThat(SecondOpinion.compare(List.of(log(0, TX, DATA, OptionalLong.of(12))), List.of(log(0, DATA))))
        .isEqualTo(Holding.SAME);
  }

  @Test
  void aFlippedBitOfDataDisagrees() {
    assertThat(SecondOpinion.compare(List.of(log(0, FORGED)), List.of(log(0, DATA)))).isEqualTo(Holding.OTHER);
  }

  @Test
  void anotherIndexTransactionOrSetDisagrees() {
    List<ChainLog> ours = List.of(log(0, DATA), log(1, DATA));
    assertThat(SecondOpinion.compare(ours, List.of(log(0, DATA), log(2, DATA)))).isEqualTo(Holding.OTHER);
    assertThat(SecondOpinion.compare(ours, List.of(log(0, DATA), log(1, OTHER_TX, DATA, OptionalLong.empty()))))
        .isEqualTo(Holding.OTHER);
    assertThat(SecondOpinion.compare(ours, List.of(log(0, DATA)))).isEqualTo(Holding.OTHER);
    assertThat(SecondOpinion.compare(List.of(log(0, DATA)), ours)).isEqualTo(Holding.OTHER);
  }

  @Test
  void noLogsThereIsNothingToHoldAgainst() {
    assertThat(SecondOpinion.compare(List.of(log(0, DATA)), List.of())).isEqualTo(Holding.NOTHING);
  }

  private static final Instant NOW = Instant.parse("2026-12-03T04:00:00Z");

  private static EndpointHealth health(boolean connected, Optional<String> error, Optional<Instant> errorAt,
                                       Optional<Instant> okAt) {
    return new EndpointHealth("ws://other:8546", connected, error, errorAt, okAt, OptionalLong.empty());
  }

  @Test
  void anEndpointThatFailedLatelyIsNotAskedUntilItsFailureIsOld() {
    Instant failed = NOW.minus(SecondOpinion.ASK_FAILED_AGAIN_AFTER).plusSeconds(1);
    var down = health(false, Optional.of("connection refused"), Optional.of(failed), Optional.empty());
    assertThat(SecondOpinion.failedLately(down, NOW)).isTrue();
    assertThat(SecondOpinion.failedLately(down, NOW.plusSeconds(1))).isFalse();
  }

  @Test
  void aHangingEndpointIsNotAskedAndAnAnsweringOrNewOneIs() {
    var hanging = health(false, Optional.of("timeout after 10s"), Optional.of(NOW), Optional.of(NOW.minusSeconds(20)));
    assertThat(SecondOpinion.failedLately(hanging, NOW)).isTrue();
    var answering = health(true, Optional.empty(), Optional.of(NOW), Optional.of(NOW));
    assertThat(SecondOpinion.failedLately(answering, NOW)).isFalse();
    var neverAsked = health(false, Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(SecondOpinion.failedLately(neverAsked, NOW)).isFalse();
  }

  @Test
  void theEndpointAfterTheOneThatAnsweredIsAskedAndEveryEndpointWhenAFailoverCameBetween() {
    assertThat(SecondOpinion.toAsk(2, 0, 0)).containsExactly(1);
    assertThat(SecondOpinion.toAsk(3, 2, 2)).containsExactly(0);
    assertThat(SecondOpinion.toAsk(2, 0, 1)).as("who answered is not known").containsExactly(0, 1);
  }
}
