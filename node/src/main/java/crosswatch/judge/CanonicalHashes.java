package crosswatch.judge;

import java.util.Collection;
import java.util.Map;

/** The hashes of a chain's canonical blocks at some numbers; a number with no block is absent. */
@FunctionalInterface
public interface CanonicalHashes {
  Map<Long, String> at(Collection<Long> numbers) throws ChainUnavailable;
}
