package crosswatch.devnet;

import java.util.List;

/**
 * What the traffic generator knows of one chain's initiating logs.
 *
 * @param recent the latest logs, oldest first
 * @param ancient logs older than the expiry window, made when the chain started
 */
record ChainLogs(long chainId, List<InitiatingLog> recent, List<InitiatingLog> ancient) {
  ChainLogs {
    recent = List.copyOf(recent);
    ancient = List.copyOf(ancient);
  }
}
