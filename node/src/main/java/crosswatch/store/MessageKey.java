package crosswatch.store;

import java.util.Objects;

/**
 * The deterministic identity of an executing message: two replicas that see the same log derive the same key.
 * The executing block's hash (not its number) is part of it, so a message re-included after a reorg is a new
 * record and the old one can be marked {@code reorged}. Text form: {@code <chainId>-<blockHash>-<logIndex>}.
 */
public record MessageKey(long executingChainId, Hash32 executingBlockHash, long executingLogIndex)
    implements Comparable<MessageKey> {

  public MessageKey {
    Objects.requireNonNull(executingBlockHash, "executingBlockHash");
    if (executingChainId <= 0) {
      throw new IllegalArgumentException("chain id must be positive: " + executingChainId);
    }
    if (executingLogIndex < 0) {
      throw new IllegalArgumentException("log index must be >= 0: " + executingLogIndex);
    }
  }

  /** A key from the block hash's text form; throws {@link IllegalArgumentException} naming what is wrong. */
  public MessageKey(long executingChainId, String executingBlockHash, long executingLogIndex) {
    this(executingChainId, Hash32.parse(executingBlockHash, "block hash"), executingLogIndex);
  }

  /** Parses the text form; throws {@link IllegalArgumentException} naming what is wrong. */
  public static MessageKey parse(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("message id must be <chainId>-<blockHash>-<logIndex>: " + text);
    }
    try {
      return new MessageKey(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("message id must be <chainId>-<blockHash>-<logIndex>: " + text, e);
    }
  }

  @Override
  public String toString() {
    return executingChainId + "-" + executingBlockHash + "-" + executingLogIndex;
  }

  /** Chain, then block hash, then log index: compares without building the text form. */
  @Override
  public int compareTo(MessageKey o) {
    int byChain = Long.compare(executingChainId, o.executingChainId);
    if (byChain != 0) {
      return byChain;
    }
    int byBlock = executingBlockHash.compareTo(o.executingBlockHash);
    return byBlock != 0 ? byBlock : Long.compare(executingLogIndex, o.executingLogIndex);
  }
}
