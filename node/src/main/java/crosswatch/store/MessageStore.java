package crosswatch.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where message records live. Every write goes through {@link Merge}: a write never blindly replaces what
 * another writer stored.
 */
public interface MessageStore {

  Optional<MessageRecord> find(MessageKey key);

  /** Atomically merges {@code update} with what is stored under its key; returns what is stored afterwards. */
  MessageRecord merge(MessageRecord update);

  /**
   * {@link #merge} for many records (one batch where the store can): for records only this writer writes now, such
   * as the new messages a chain's scanner found.
   */
  void mergeAll(Collection<MessageRecord> updates);

  /**
   * {@link #merge} for many records, each on its own (concurrently where the store can): for records that other
   * writers may be writing in batches of their own, such as verdicts and lifecycle changes. In a replicated cache
   * two multi-key writes that share keys can each hold a key the other waits for, until the lock timeout (10 s);
   * single-key writes cannot.
   */
  default void mergeEach(Collection<MessageRecord> updates) {
    updates.forEach(this::merge);
  }

  /** Records matching the query, newest executing timestamp first, with a cursor for the next page. */
  MessagePage query(MessageQuery query);

  /** Records whose status is {@link Status#PENDING}, for re-judging after a restart. */
  List<MessageRecord> pending();

  /** Records not yet final, for the sweep that catches what events missed. */
  List<MessageRecord> notFinal();

  /** Records of one executing chain in a range of executing block numbers (inclusive), for reorg handling. */
  List<MessageRecord> executedIn(long executingChainId, long fromBlock, long toBlock);

  /** Records whose identifier points into a range of block numbers (inclusive) of one initiating chain. */
  List<MessageRecord> initiatedIn(long initiatingChainId, long fromBlock, long toBlock);

  long size();

  /**
   * Feeds the queries' index every record this replica holds again, catching writes that reached it without an
   * event (a peer's conflict resolution after a partition, state received from peers); returns how many records
   * that changed. A store whose every write passes through it has nothing to catch.
   */
  default int reindex() {
    return 0;
  }

  /** Every change of a record in this replica's copy, whether this node or a peer wrote it. */
  MessageEvents events();
}
