package crosswatch.cluster;

import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.ExecSpec;
import crosswatch.devnet.ExecutingReceipt;
import crosswatch.devnet.InitiatingLog;
import crosswatch.store.MessageKey;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/** Valid executing messages between devnet chains, each pointing at a fresh initiating log on another chain. */
final class CrossMessages {
  private final List<DevnetChain> chains;
  private int emitted;

  CrossMessages(List<DevnetChain> chains) {
    this.chains = List.copyOf(chains);
  }

  /** One message executed on {@code executing}, initiated on the next chain of the list; returns its key. */
  MessageKey emit(DevnetChain executing) {
    DevnetChain initiating = chains.get((chains.indexOf(executing) + 1) % chains.size());
    InitiatingLog log = initiating.emitInitiating(List.of(Hash.sha3String("cross-" + emitted++)), "0x");
    // Independent anvil chains tick their seconds apart: without this, the executing block can carry an earlier
    // timestamp than the initiating one, and the message is truly invalid (initiated-after-executing).
    long executingLatest = executing.latestBlock().timestamp();
    if (log.timestamp() > executingLatest) {
      executing.setNextBlockTimestamp(log.timestamp());
    }
    ExecutingReceipt receipt = executing.emitExecuting(List.of(ExecSpec.of(log)));
    return new MessageKey(receipt.chainId(), receipt.blockHash().toLowerCase(), receipt.logIndexes().getFirst());
  }

  /** One message executed on every chain. */
  List<MessageKey> round() {
    var keys = new ArrayList<MessageKey>();
    chains.forEach(c -> keys.add(emit(c)));
    return keys;
  }

  List<MessageKey> rounds(int count) {
    var keys = new ArrayList<MessageKey>();
    for (int i = 0; i < count; i++) {
      keys.addAll(round());
    }
    return keys;
  }
}
