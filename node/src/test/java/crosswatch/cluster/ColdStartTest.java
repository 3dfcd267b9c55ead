package crosswatch.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.cluster.ColdStart.Member;
import crosswatch.store.SafePoint;
import crosswatch.store.SafePoints;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The decision alone: the lowest safe point the members of the view published, and who was consulted. */
class ColdStartTest {
  private static final Member A = new Member("node-a", "a-1");
  private static final Member B = new Member("node-b", "b-1");
  private static final Member C = new Member("node-c", "c-1");

  private static SafePoints published(Member member, SafePoint... points) {
    return new SafePoints(member.name(), member.incarnation(), Arrays.asList(points));
  }

  private static Map<String, SafePoints> byNode(SafePoints... entries) {
    return Arrays.stream(entries).collect(Collectors.toMap(SafePoints::node, Function.identity()));
  }

  @Test
  void theLowestSafePointOfAnyMemberWinsWhoeverOwnsTheChain() {
    var decision = ColdStart.decide(901, List.of(A, B, C), byNode(
        published(A, new SafePoint(901, 124), new SafePoint(902, 7)),
        published(B, new SafePoint(901, 120), new SafePoint(902, 9)),
        published(C, new SafePoint(901, 130))));

    assertThat(decision.fromBlock()).isEqualTo(OptionalLong.of(120));
    assertThat(decision.complete()).isTrue();
    assertThat(decision.knownByText()).isEqualTo("node-a:124,node-b:120,node-c:130");
  }

  @Test
  void aMemberThatKnowsNothingOfTheChainIsConsultedWithoutLoweringIt() {
    var decision = ColdStart.decide(901, List.of(A, B), byNode(
        published(A, new SafePoint(901, 124)),
        published(B, new SafePoint(902, 3))));

    assertThat(decision.fromBlock()).isEqualTo(OptionalLong.of(124));
    assertThat(decision.complete()).isTrue();
    assertThat(decision.knownBy()).containsEntry("node-b", OptionalLong.empty());
    assertThat(decision.knownByText()).isEqualTo("node-a:124,node-b:none");
  }

  @Test
  void whenNoMemberKnowsTheChainItBeginsAtItsConfiguredStart() {
    var decision = ColdStart.decide(901, List.of(A, B), byNode(published(A), published(B)));

    assertThat(decision.fromBlock()).isEmpty();
    assertThat(decision.complete()).isTrue();
  }

  @Test
  void aMemberThatHasNotPublishedIsMissingAndTheOthersDecide() {
    var decision = ColdStart.decide(901, List.of(A, B, C), byNode(
        published(A, new SafePoint(901, 124)),
        published(C, new SafePoint(901, 130))));

    assertThat(decision.complete()).isFalse();
    assertThat(decision.missing()).containsExactly(B);
    assertThat(decision.missingText()).isEqualTo("node-b");
    assertThat(decision.fromBlock()).isEqualTo(OptionalLong.of(124));
    assertThat(decision.knownBy()).containsOnlyKeys("node-a", "node-c");
  }

  @Test
  void anEntryLeftByAnEarlierProcessOfAMemberIsNotItsPublication() {
    Member restartedB = new Member("node-b", "b-2");

    var decision = ColdStart.decide(901, List.of(A, restartedB), byNode(
        published(A, new SafePoint(901, 124)),
        published(B, new SafePoint(901, 60))));

    assertThat(decision.missing()).containsExactly(restartedB);
    assertThat(decision.fromBlock()).isEqualTo(OptionalLong.of(124));
  }

  @Test
  void entriesOfNodesOutsideTheViewAreNotConsulted() {
    var decision = ColdStart.decide(901, List.of(A), byNode(
        published(A, new SafePoint(901, 124)),
        published(B, new SafePoint(901, 60))));

    assertThat(decision.fromBlock()).isEqualTo(OptionalLong.of(124));
    assertThat(decision.knownBy()).containsOnlyKeys("node-a");
  }

  @Test
  void nobodyPublishedDecidesNothing() {
    var decision = ColdStart.decide(901, List.of(A, B), Map.of());

    assertThat(decision.fromBlock()).isEmpty();
    assertThat(decision.missing()).containsExactly(A, B);
    assertThat(decision.missingText()).isEqualTo("node-a,node-b");
  }
}
