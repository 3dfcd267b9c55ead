package crosswatch.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

/** The arrangements {@link Broken}'s javadoc prescribes for reasons that lie in time do produce them. */
@Tag("integration")
class TimingRecipesTest {

  @Test
  void anInitiatingChainMovedAheadYieldsAnExecutingBlockOlderThanTheInitiatingOne() {
    try (Devnet devnet = Devnet.start(901, 902)) {
      DevnetChain initiating = devnet.chain(901);
      initiating.increaseTime(60);
      InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("early")), "0x");

      ExecutingReceipt receipt = devnet.chain(902).emitExecuting(
          List.of(Broken.INITIATED_AFTER_EXECUTING.spec(log)));

      assertThat(receipt.timestamp()).isLessThan(log.timestamp());
    }
  }

  @Test
  void anExecutingChainSetPastTheWindowExecutesAnExpiredMessage() {
    try (Devnet devnet = Devnet.start(901, 902)) {
      InitiatingLog log = devnet.chain(901).emitInitiating(List.of(Hash.sha3String("old")), "0x");
      DevnetChain executing = devnet.chain(902);
      executing.setNextBlockTimestamp(log.timestamp() + Broken.EXPIRY_WINDOW_SECONDS + 1);

      ExecutingReceipt receipt = executing.emitExecuting(List.of(Broken.EXPIRED.spec(log)));

      assertThat(receipt.timestamp() - log.timestamp()).isEqualTo(Broken.EXPIRY_WINDOW_SECONDS + 1);
    }
  }
}
