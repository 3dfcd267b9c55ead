package crosswatch.judge;

import crosswatch.store.MessageRecord;

/** What judging reports as it goes, for metrics; called on judging threads, so it must be quick. */
public interface JudgeListener {

  /** A message stored for the first time (pending). */
  void found(MessageRecord record);

  /** A change of status that was stored. */
  void changed(MessageRecord before, MessageRecord after);

  /** A judging round for messages pointing into this chain failed on its RPC; they stay pending. */
  void failed(long initiatingChainId, ChainUnavailable error);

  /**
   * Verdicts on {@code messages} messages pointing into this chain were reached but not written: the answers
   * they rested on could not be confirmed. They keep their status and are judged again.
   */
  void withheld(long initiatingChainId, Withheld why, int messages);

  /** The chain's endpoints named different blocks, or different logs, at one height. */
  void disagreed(long chainId);

  /** The sweep found {@code records} records in the store that had reached it without an event. */
  void unindexed(int records);

  /** How many messages wait for a block of this chain to be scanned. */
  void waiting(long initiatingChainId, int count);
}
