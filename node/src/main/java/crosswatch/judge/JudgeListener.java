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

  /** How many messages wait for a block of this chain to be scanned. */
  void waiting(long initiatingChainId, int count);
}
