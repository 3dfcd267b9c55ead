package crosswatch.judge;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One chain's executing transactions' EIP-2930 access lists, fetched together. */
@FunctionalInterface
public interface AccessLists {
  /**
   * The storage keys each transaction declares under the inbox (lowercase, empty when it declares none), by
   * transaction hash; a transaction the chain's node does not know is absent.
   */
  Map<String, List<String>> inboxStorageKeys(Collection<String> txHashes) throws ChainUnavailable;
}
