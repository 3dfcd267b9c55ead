package crosswatch.protocol;

import java.util.List;
import java.util.Objects;

/** What the initiating chain holds at the identifier's block number, as the judge is told. */
public sealed interface InitiatingBlock permits InitiatingBlock.NotYetProduced, InitiatingBlock.Produced {

  /** The chain's head has not reached that number yet. */
  record NotYetProduced() implements InitiatingBlock {}

  /** The canonical block at that number, with every log it holds (block-wide indexes). */
  record Produced(long number, String hash, long timestamp, List<LogEntry> logs) implements InitiatingBlock {
    public Produced {
      Objects.requireNonNull(hash, "hash");
      logs = List.copyOf(logs);
    }
  }

  InitiatingBlock NOT_YET_PRODUCED = new NotYetProduced();
}
