package crosswatch.judge;

import crosswatch.store.MessageRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps everything judging reports, for assertions. */
final class RecordingListener implements JudgeListener {
  final List<MessageRecord> found = new CopyOnWriteArrayList<>();
  final List<MessageRecord> changed = new CopyOnWriteArrayList<>();
  final List<ChainUnavailable> failures = new CopyOnWriteArrayList<>();
  final List<Withheld> withheld = new CopyOnWriteArrayList<>();
  final List<Long> disagreements = new CopyOnWriteArrayList<>();
  final AtomicInteger unindexed = new AtomicInteger();

  @Override
  public void found(MessageRecord record) {
    found.add(record);
  }

  @Override
  public void changed(MessageRecord before, MessageRecord after) {
    changed.add(after);
  }

  @Override
  public void failed(long initiatingChainId, ChainUnavailable error) {
    failures.add(error);
  }

  @Override
  public void withheld(long initiatingChainId, Withheld why, int messages) {
    for (int i = 0; i < messages; i++) {
      withheld.add(why);
    }
  }

  @Override
  public void disagreed(long chainId) {
    disagreements.add(chainId);
  }

  @Override
  public void unindexed(int records) {
    unindexed.addAndGet(records);
  }

  @Override
  public void waiting(long initiatingChainId, int count) {
  }
}
