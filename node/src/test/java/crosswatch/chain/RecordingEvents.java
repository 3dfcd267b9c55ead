package crosswatch.chain;

import crosswatch.judge.CanonicalHashes;
import crosswatch.judge.ChainEvents;
import crosswatch.judge.FoundLog;
import crosswatch.store.ChainHead;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a scanner reports, for assertions. */
final class RecordingEvents implements ChainEvents {
  final List<FoundLog> found = new CopyOnWriteArrayList<>();
  final List<Long> reorgAncestors = new CopyOnWriteArrayList<>();
  final List<ChainHead> heads = new CopyOnWriteArrayList<>();
  volatile long scanned = -1;

  @Override
  public void found(long chainId, List<FoundLog> logs, Instant seenAt) {
    found.addAll(logs);
  }

  @Override
  public void scanned(long chainId, long blockNumber) {
    scanned = blockNumber;
  }

  @Override
  public void headsMoved(ChainHead head) {
    heads.add(head);
  }

  @Override
  public void reorged(long chainId, long ancestor, CanonicalHashes canonical) {
    reorgAncestors.add(ancestor);
  }
}
