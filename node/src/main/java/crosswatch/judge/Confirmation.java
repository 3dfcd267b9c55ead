package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a chain's endpoints agree on one block, each read completely: only an agreed block may back a verdict
 * that a single answer could have got wrong. Agreed takes the {@link Quorum} of complete reads naming the same block
 * and logs, and no endpoint naming another; an endpoint that fails or has not reached the block does not vote. Pure:
 * decided from the reads alone.
 */
sealed interface Confirmation {

  /** A quorum of endpoints returned the same block and none another, or every endpoint says it is not produced yet. */
  record Agreed(InitiatingBlock block) implements Confirmation {}

  /**
   * Two endpoints named different blocks at the height (also when one of them could not give the block's logs),
   * or different logs for one block: one of them lies.
   */
  record Disagreed(String detail) implements Confirmation {}

  /** Fewer than a quorum of endpoints could read the block: nothing can be concluded now. */
  record Unconfirmed(String detail) implements Confirmation {}

  static Confirmation of(long number, List<EndpointRead> reads) {
    if (reads.isEmpty()) {
      throw new IllegalArgumentException("no endpoint was read");
    }
    // Two hashes at one height are a disagreement whatever else failed: a made-up hash fails its own log read.
    List<Map.Entry<String, String>> named = reads.stream()
        .flatMap(read -> hash(read).map(hash -> Map.entry(read.endpoint(), hash)).stream()).toList();
    if (named.stream().map(Map.Entry::getValue).distinct().count() > 1) {
      return new Disagreed("block " + number + ": " + named.stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }
    // The votes: complete reads of a produced block. A failed, partial or not-yet-produced read does not vote.
    List<EndpointRead.Read> votes = reads.stream()
        .<EndpointRead.Read>mapMulti((read, keep) -> {
          if (read instanceof EndpointRead.Read r && r.block() instanceof InitiatingBlock.Produced) {
            keep.accept(r);
          }
        }).toList();
    List<InitiatingBlock> produced = votes.stream().map(EndpointRead.Read::block).distinct().toList();
    if (produced.size() > 1) {
      return new Disagreed("block " + number + ": " + votes.stream()
          .map(r -> r.endpoint() + "=" + ((InitiatingBlock.Produced) r.block()).hash()
              + "/" + ((InitiatingBlock.Produced) r.block()).logs().size() + " logs")
          .collect(Collectors.joining(" ")));
    }
    int needed = Quorum.of(reads.size());
    if (votes.isEmpty() && reads.stream().allMatch(EndpointRead.Read.class::isInstance)) {
      return new Agreed(InitiatingBlock.NOT_YET_PRODUCED);
    }
    if (!votes.isEmpty() && votes.size() >= needed) {
      return new Agreed(produced.getFirst());
    }
    return new Unconfirmed("block " + number + " read completely at " + votes.size() + " of " + reads.size()
        + " endpoints, " + needed + " needed: " + reads.stream().filter(read -> !votes.contains(read))
        .map(Confirmation::why).collect(Collectors.joining("; ")));
  }

  /** Why an endpoint's read does not vote. */
  private static String why(EndpointRead read) {
    return switch (read) {
      case EndpointRead.Failed f -> "unreadable at " + f.endpoint() + ": " + f.error();
      case EndpointRead.Partial p -> "logs unreadable at " + p.endpoint() + ": " + p.error();
      case EndpointRead.Read r -> "not produced yet at " + r.endpoint();
    };
  }

  /** The hash an endpoint named at the height, when it named one. */
  private static Optional<String> hash(EndpointRead read) {
    return switch (read) {
      case EndpointRead.Read r when r.block() instanceof InitiatingBlock.Produced p -> Optional.of(p.hash());
      case EndpointRead.Read ignored -> Optional.empty();
      case EndpointRead.Partial p -> Optional.of(p.hash());
      case EndpointRead.Failed ignored -> Optional.empty();
    };
  }
}
