package crosswatch.judge;

import crosswatch.protocol.InitiatingBlock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One chain's canonical blocks, as messages pointing into them are judged against them. */
public interface InitiatingBlocks {

  /**
   * One entry per number: the block with the logs of the origins asked for (block-wide log indexes kept), or
   * {@link InitiatingBlock#NOT_YET_PRODUCED}. Enough to find a log a message points at, not to prove it absent. The
   * blocks numbered in {@code afresh} (a verdict may become final on them) are found by a header read now; the
   * others may be found by the header the chain's scanner passed.
   */
  Map<Long, InitiatingBlock> at(Map<Long, Set<String>> originsByNumber, Set<Long> afresh) throws ChainUnavailable;

  /**
   * The block at this number with every log it holds, proven complete against its header's bloom, read afresh
   * from each of the chain's endpoints, in their configured order: what an invalid verdict must rest on.
   */
  List<EndpointRead> everyEndpoint(long number);
}
