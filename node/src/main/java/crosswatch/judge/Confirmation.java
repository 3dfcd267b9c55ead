package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a chain's endpoints agree on one block, each read completely: only an agreed block may back a verdict
 * that a single answer could have got wrong. Pure: decided from the reads alone.
 */
sealed interface Confirmation {

  /** Every endpoint returned the same block (or none has it yet). */
  record Agreed(InitiatingBlock block) implements Confirmation {}

  /**
   * Two endpoints named different blocks at the height (also when one of them could not give the block's logs),
   * or different logs for one block: one of them lies.
   */
  record Disagreed(String detail) implements Confirmation {}

  /** An endpoint could not be read, or has not reached the block yet: nothing can be concluded now. */
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
    for (EndpointRead read : reads) {
      switch (read) {
        case EndpointRead.Failed failed -> {
          return new Unconfirmed("block " + number + " unreadable at " + failed.endpoint() + ": " + failed.error());
        }
        case EndpointRead.Partial partial -> {
          return new Unconfirmed("logs of block " + number + " unreadable at " + partial.endpoint() + ": "
              + partial.error());
        }
        case EndpointRead.Read ignored -> { }
      }
    }
    List<EndpointRead.Read> answers = reads.stream().map(EndpointRead.Read.class::cast).toList();
    List<InitiatingBlock> distinct = answers.stream().map(EndpointRead.Read::block).distinct().toList();
    if (distinct.size() == 1) {
      return new Agreed(distinct.getFirst());
    }
    if (distinct.contains(InitiatingBlock.NOT_YET_PRODUCED)) {
      return new Unconfirmed("block " + number + " not produced yet at " + answers.stream()
          .filter(r -> r.block() == InitiatingBlock.NOT_YET_PRODUCED).map(EndpointRead.Read::endpoint)
          .collect(Collectors.joining(",")));
    }
    return new Disagreed("block " + number + ": " + answers.stream()
        .map(r -> r.endpoint() + "=" + ((InitiatingBlock.Produced) r.block()).hash()
            + "/" + ((InitiatingBlock.Produced) r.block()).logs().size() + " logs")
        .collect(Collectors.joining(" ")));
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
