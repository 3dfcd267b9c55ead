package crosswatch.api;

import crosswatch.store.ChainStatus;
import java.util.List;

/** What the API shows of the running node beyond its message records. */
public interface NodeView {

  /** Every configured chain, in configuration order. */
  List<ChainStatus> chains();

  /** Whether this node is a member of the cluster (a one-member cluster counts). */
  boolean inCluster();

  /** How many blocks a chain's checkpoint may trail its head while the node still reports ready. */
  long readyLagBlocks();
}
