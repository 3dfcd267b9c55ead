package crosswatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.infinispan.container.entries.CacheEntry;
import org.infinispan.container.entries.ImmortalCacheEntry;
import org.junit.jupiter.api.Test;

class CheckpointMergePolicyTest {
  private final CheckpointMergePolicy checkpoints = new CheckpointMergePolicy();

  @SuppressWarnings("unchecked") // Infinispan declares ImmortalCacheEntry without type parameters
  private static CacheEntry<Long, Checkpoint> entry(long block, String hash) {
    return new ImmortalCacheEntry(901L, new Checkpoint(901, block, hash));
  }

  @Test
  void theLowerBlockWinsBecauseRescanningIsSafe() {
    var low = entry(90, Fixtures.HASH_B);
    var high = entry(100, Fixtures.HASH_A);

    assertThat(checkpoints.merge(high, List.of(low)).getValue()).isEqualTo(low.getValue());
    assertThat(checkpoints.merge(low, List.of(high)).getValue()).isEqualTo(low.getValue());
    assertThat(checkpoints.merge(null, List.of(high)).getValue()).isEqualTo(high.getValue());
  }

  @Test
  void twoForksAtOneHeightPickTheSameOneEitherWay() {
    var forkA = entry(100, Fixtures.HASH_A);
    var forkB = entry(100, Fixtures.HASH_B);

    assertThat(checkpoints.merge(forkA, List.of(forkB)).getValue())
        .isEqualTo(checkpoints.merge(forkB, List.of(forkA)).getValue())
        .isEqualTo(forkA.getValue());
  }
}
