package crosswatch.cluster;

import crosswatch.store.SafePoints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Where one chain's scanning begins when the cluster holds no checkpoint for it, from the safe points the members
 * of the view published: the lowest of them. No member's knowledge is dropped for another's, since resuming too
 * low only re-scans (idempotent) while resuming too high skips blocks for good.
 *
 * @param fromBlock the lowest safe point published; empty when no member consulted knows one (the chain then
 *     begins at its configured start block)
 * @param knownBy every member consulted, in view order, with its safe point for the chain (empty: it knows
 *     nothing of the chain)
 * @param missing members of the view whose current process had not published when this was decided
 */
record ColdStart(long chainId, OptionalLong fromBlock, Map<String, OptionalLong> knownBy, List<Member> missing) {

  /**
   * A member of the view: its name and the identity of its current process, which changes when it restarts.
   */
  record Member(String name, String incarnation) {
    Member {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(incarnation, "incarnation");
    }
  }

  ColdStart {
    Objects.requireNonNull(fromBlock, "fromBlock");
    knownBy = Collections.unmodifiableMap(new LinkedHashMap<>(knownBy));
    missing = List.copyOf(missing);
  }

  /**
   * Decides from what {@code published} holds (by node name) for the members of {@code view}. An entry of a
   * node outside the view is not consulted, nor one an earlier process of a member left behind (that member is
   * missing until its current process publishes).
   */
  static ColdStart decide(long chainId, List<Member> view, Map<String, SafePoints> published) {
    var knownBy = new LinkedHashMap<String, OptionalLong>();
    var missing = new ArrayList<Member>();
    for (Member member : view) {
      SafePoints points = published.get(member.name());
      if (points != null && points.incarnation().equals(member.incarnation())) {
        knownBy.put(member.name(), points.of(chainId));
      } else {
        missing.add(member);
      }
    }
    OptionalLong lowest = knownBy.values().stream().flatMapToLong(OptionalLong::stream).min();
    return new ColdStart(chainId, lowest, knownBy, missing);
  }

  /** True when every member of the view was consulted. */
  boolean complete() {
    return missing.isEmpty();
  }

  /** {@code node-a:123,node-b:none}: each member consulted and its safe point, for one log field. */
  String knownByText() {
    return knownBy.entrySet().stream()
        .map(e -> e.getKey() + ":" + (e.getValue().isPresent() ? Long.toString(e.getValue().getAsLong()) : "none"))
        .collect(Collectors.joining(","));
  }

  /** {@code node-c,node-d}: the members missing, for one log field. */
  String missingText() {
    return missing.stream().map(Member::name).collect(Collectors.joining(","));
  }
}
