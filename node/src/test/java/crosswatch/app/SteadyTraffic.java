package crosswatch.app;

import static crosswatch.app.PipelineHarness.key;

import crosswatch.devnet.ChainSpec;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.InitiatingLog;
import crosswatch.store.MessageKey;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * Valid messages one after another between two devnet chains whose safe and finalized heads trail by two and four
 * blocks. Each message mines a block on both chains, so the traffic itself moves the heads past earlier messages.
 */
final class SteadyTraffic {
  static final List<ChainSpec> CHAINS = List.of(ChainSpec.of(901).withSlotsInAnEpoch(2),
      ChainSpec.of(902).withSlotsInAnEpoch(2));

  private final DevnetChain initiating;
  private final DevnetChain executing;
  private int sent;

  SteadyTraffic(Devnet devnet) {
    this.initiating = devnet.chain(901);
    this.executing = devnet.chain(902);
  }

  List<DevnetChain> chains() {
    return List.of(initiating, executing);
  }

  MessageKey sendOne() {
    InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("steady-" + sent)), "0x");
    sent++;
    return key(executing.emitExecuting(List.of(ExecSpec.of(log))));
  }

  int sent() {
    return sent;
  }

  static long heapMiB() {
    return (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
  }
}
