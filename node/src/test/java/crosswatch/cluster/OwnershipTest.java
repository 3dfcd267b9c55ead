package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Group;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class OwnershipTest {
  private static final List<Long> CHAINS = LongStream.rangeClosed(900, 939).boxed().toList();

  private static List<String> members(int count) {
    return IntStream.range(0, count).mapToObj(i -> "replica-" + i).toList();
  }

  @Group
  class Assignment {
    @Property
    void everyChainHasAsManyDistinctOwnersAsTheRedundancyAllows(@ForAll @IntRange(min = 1, max = 6) int count,
                                                                 @ForAll @IntRange(min = 1, max = 2) int redundancy) {
      Map<Long, List<String>> owners = new Ownership(redundancy).owners(CHAINS, members(count));

      assertThat(owners.keySet()).containsExactlyElementsOf(CHAINS);
      owners.values().forEach(o -> assertThat(o).doesNotHaveDuplicates()
          .hasSize(Math.min(redundancy, count)).isSubsetOf(members(count)));
    }

    @Property
    void theAnswerDoesNotDependOnTheOrderOfTheView(@ForAll @IntRange(min = 1, max = 6) int count) {
      var reversed = new ArrayList<>(members(count)).reversed();

      assertThat(Ownership.SINGLE.owners(CHAINS, reversed)).isEqualTo(Ownership.SINGLE.owners(CHAINS, members(count)));
    }

    @Example
    void threeMembersEachOwnSomeOfFortyChains() {
      var owners = Ownership.SINGLE.owners(CHAINS, members(3));

      members(3).forEach(m -> assertThat(Ownership.SINGLE.ownedBy(m, CHAINS, members(3))).isNotEmpty());
      assertThat(owners.values().stream().mapToInt(List::size).sum()).isEqualTo(CHAINS.size());
    }

    @Example
    void noMembersMeansNoOwners() {
      assertThat(Ownership.SINGLE.owners(List.of(901L), List.of())).containsEntry(901L, List.of());
    }

    @Example
    void redundancyIsOneOrTwo() {
      assertThatThrownBy(() -> new Ownership(3)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Group
  class MinimalMovement {
    @Property
    void whenAMemberLeavesOnlyItsChainsMove(@ForAll @IntRange(min = 2, max = 6) int count,
                                           @ForAll @IntRange(min = 0, max = 5) int leaving,
                                           @ForAll @IntRange(min = 1, max = 2) int redundancy) {
      var before = members(count);
      String gone = before.get(leaving % count);
      var after = before.stream().filter(m -> !m.equals(gone)).toList();
      var ownership = new Ownership(redundancy);
      Map<Long, List<String>> was = ownership.owners(CHAINS, before);
      Map<Long, List<String>> now = ownership.owners(CHAINS, after);

      CHAINS.forEach(chain -> {
        var kept = new ArrayList<>(was.get(chain));
        kept.remove(gone);
        assertThat(now.get(chain)).containsAll(kept);
      });
    }

    @Property
    void aJoinerTakesOnlyChainsItNowOwns(@ForAll @IntRange(min = 1, max = 5) int count,
                                          @ForAll @LongRange(min = 1, max = 1_000_000) long chain) {
      var before = members(count);
      var after = members(count + 1);
      String joiner = after.getLast();
      List<String> was = Ownership.SINGLE.owners(List.of(chain), before).get(chain);
      List<String> now = Ownership.SINGLE.owners(List.of(chain), after).get(chain);

      assertThat(now.equals(was) || now.equals(List.of(joiner))).isTrue();
    }
  }

  @Group
  class Degraded {
    @Example
    void aReplicaAloneOfThreeIsInAMinority() {
      assertThat(ClusterView.minority(1, 3)).isTrue();
    }

    @Example
    void twoOfThreeAreAMajority() {
      assertThat(ClusterView.minority(2, 3)).isFalse();
    }

    @Example
    void aReplicaMeantToRunAloneIsNeverDegraded() {
      assertThat(ClusterView.minority(1, 1)).isFalse();
    }
  }
}
