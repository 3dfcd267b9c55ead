package crosswatch.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How to start one anvil chain. Without a block time anvil mines one block per transaction (automine).
 *
 * @param blockTimeSeconds interval mining: one block every so many seconds, with or without transactions
 * @param slotsInAnEpoch how far {@code safe} (one epoch) and {@code finalized} (two) trail {@code latest}
 * @param genesisTimestamp the genesis block's time; later blocks keep the same offset from the wall clock
 */
public record ChainSpec(long chainId, OptionalLong blockTimeSeconds, OptionalInt slotsInAnEpoch,
                        OptionalLong genesisTimestamp) {

  public ChainSpec {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id must be > 0, got " + chainId);
    }
    if (blockTimeSeconds.isPresent() && blockTimeSeconds.getAsLong() <= 0) {
      throw new IllegalArgumentException("block time must be > 0 s");
    }
    if (slotsInAnEpoch.isPresent() && slotsInAnEpoch.getAsInt() <= 0) {
      throw new IllegalArgumentException("slots in an epoch must be > 0");
    }
  }

  public static ChainSpec of(long chainId) {
    return new ChainSpec(chainId, OptionalLong.empty(), OptionalInt.empty(), OptionalLong.empty());
  }

  public ChainSpec withBlockTime(long seconds) {
    return new ChainSpec(chainId, OptionalLong.of(seconds), slotsInAnEpoch, genesisTimestamp);
  }

  public ChainSpec withSlotsInAnEpoch(int slots) {
    return new ChainSpec(chainId, blockTimeSeconds, OptionalInt.of(slots), genesisTimestamp);
  }

  public ChainSpec withGenesisTimestamp(long timestamp) {
    return new ChainSpec(chainId, blockTimeSeconds, slotsInAnEpoch, OptionalLong.of(timestamp));
  }

  /** anvil's command line arguments, listening on 127.0.0.1 only. */
  List<String> anvilArgs(int port) {
    List<String> args = new ArrayList<>(List.of(
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--chain-id", Long.toString(chainId)));
    blockTimeSeconds.ifPresent(s -> args.addAll(List.of("--block-time", Long.toString(s))));
    slotsInAnEpoch.ifPresent(n -> args.addAll(List.of("--slots-in-an-epoch", Integer.toString(n))));
    genesisTimestamp.ifPresent(t -> args.addAll(List.of("--timestamp", Long.toString(t))));
    return List.copyOf(args);
  }
}
