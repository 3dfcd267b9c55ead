package crosswatch.chain;

import java.util.List;

/** What one eth_getLogs range returned, with the headers at both ends fetched in the same batch. */
record RangeScan(BlockHeader first, BlockHeader last, List<ChainLog> logs) {
  RangeScan {
    logs = List.copyOf(logs);
  }
}
