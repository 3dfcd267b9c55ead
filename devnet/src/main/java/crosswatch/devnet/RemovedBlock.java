package crosswatch.devnet;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A block {@link DevnetChain#removeHead} took out of the chain, with what {@link DevnetChain#restore} needs to mine
 * it again identically: anvil derives everything else in the header from the parent and these.
 *
 * @param rawTransactions the signed transactions, in block order, as hex
 */
public record RemovedBlock(BlockRef block, BigInteger baseFeePerGas, List<String> rawTransactions) {
  public RemovedBlock {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
    rawTransactions = List.copyOf(rawTransactions);
  }
}
