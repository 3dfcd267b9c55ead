package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.Collection;
import java.util.Map;

/** One chain's canonical blocks with all their logs, fetched together: what messages are judged against. */
@FunctionalInterface
public interface InitiatingBlocks {
  /** One entry per number: the block, or {@link InitiatingBlock#NOT_YET_PRODUCED}. */
  Map<Long, InitiatingBlock> at(Collection<Long> numbers) throws ChainUnavailable;
}
