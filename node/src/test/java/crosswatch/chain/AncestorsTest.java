package crosswatch.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AncestorsTest {
  private static final String A = "0x" + "a".repeat(64);
  private static final String B = "0x" + "b".repeat(64);
  private static final String C = "0x" + "c".repeat(64);
  private static final String X = "0x" + "1".repeat(64);
  private static final String Y = "0x" + "2".repeat(64);

  private final List<BlockRef> remembered = List.of(new BlockRef(12, C), new BlockRef(11, B), new BlockRef(10, A));

  @Nested
  class Compare {
    @Test
    void findsTheNewestRememberedBlockTheChainStillHasAndTheOtherBlockAboveIt() {
      assertThat(Ancestors.compare(remembered, Map.of(12L, X, 11L, B, 10L, A)))
          .isEqualTo(new Ancestors.Comparison(Optional.of(new BlockRef(11, B)), List.of(new BlockRef(12, X))));
    }

    @Test
    void findsTheCursorItselfWhenNothingWasReplaced() {
      assertThat(Ancestors.compare(remembered, Map.of(12L, C, 11L, B, 10L, A)))
          .isEqualTo(new Ancestors.Comparison(Optional.of(new BlockRef(12, C)), List.of()));
    }

    /** A lagging node: it has no block at the newest heights passed, which replaces none of them. */
    @Test
    void takesNumbersTheChainNoLongerReachesForNoReplacement() {
      assertThat(Ancestors.compare(remembered, Map.of(10L, A)))
          .isEqualTo(new Ancestors.Comparison(Optional.of(new BlockRef(10, A)), List.of()));
    }

    @Test
    void findsNoCommonBlockWhenEveryRememberedBlockWasReplaced() {
      assertThat(Ancestors.compare(remembered, Map.of(12L, X, 11L, Y, 10L, X))).isEqualTo(new Ancestors.Comparison(
          Optional.empty(), List.of(new BlockRef(12, X), new BlockRef(11, Y), new BlockRef(10, X))));
    }
  }

  @Nested
  class RememberedBlocks {
    @Test
    void forgetTheOldestBeyondCapacity() {
      var recent = new RecentBlocks(2);
      recent.add(new BlockRef(10, A));
      recent.add(new BlockRef(11, B));
      recent.add(new BlockRef(12, C));
      assertThat(recent.newestFirst()).containsExactly(new BlockRef(12, C), new BlockRef(11, B));
    }

    @Test
    void forgetBlocksAboveAnAncestor() {
      var recent = new RecentBlocks(10);
      remembered.forEach(recent::add);
      recent.forgetAbove(10);
      assertThat(recent.newestFirst()).containsExactly(new BlockRef(10, A));
      assertThat(recent.hashAt(12)).isEmpty();
    }

    @Test
    void ignoreAPlaceWithoutHash() {
      var recent = new RecentBlocks(10);
      recent.add(BlockRef.before(5));
      assertThat(recent.newestFirst()).isEmpty();
    }
  }
}
