package crosswatch.judge;

import crosswatch.store.ChainHead;
import java.time.Instant;
import java.util.List;

/** What scanning a chain tells the judge, in the chain's order. Implemented by {@link Judging}. */
public interface ChainEvents {

  /**
   * Inbox logs of newly scanned blocks. When this returns, their messages are stored: the scanner may move its
   * checkpoint past these blocks.
   *
   * @param seenAt when the blocks' data reached this node, the start of the detection delay
   */
  void found(long chainId, List<FoundLog> logs, Instant seenAt);

  /** Every block of the chain up to {@code blockNumber} has been scanned: messages pointing there can be judged. */
  void scanned(long chainId, long blockNumber);

  /**
   * The chain's blocks above {@code ancestor} were replaced. When this returns, messages of executing blocks that
   * left the chain are stored as reorged; messages pointing into the replaced blocks are judged again as the
   * chain is scanned anew.
   */
  void reorged(long chainId, long ancestor, CanonicalHashes canonical) throws ChainUnavailable;

  /** The chain's latest, safe or finalized head changed: messages whose blocks they passed become more settled. */
  void headsMoved(ChainHead head);
}
