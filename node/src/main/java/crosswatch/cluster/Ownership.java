package crosswatch.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * Which members watch which chain: rendezvous (highest random weight) hashing of each chain id over the members of
 * the current view. Every replica computes the same answer from the same view with no coordination, and a view
 * change moves only the chains of the members that left or the chains a joiner now weighs highest on.
 *
 * @param redundancy how many members watch each chain (1, or 2 for a hot standby)
 */
public record Ownership(int redundancy) {
  public static final Ownership SINGLE = new Ownership(1);

  public Ownership {
    if (redundancy < 1 || redundancy > 2) {
      throw new IllegalArgumentException("redundancy must be 1 or 2: " + redundancy);
    }
  }

  /** The owners of each chain, highest weight first; no owners at all when there are no members. */
  public Map<Long, List<String>> owners(Collection<Long> chainIds, Collection<String> members) {
    var owners = new LinkedHashMap<Long, List<String>>();
    for (long chainId : new TreeSet<>(chainIds)) {
      owners.put(chainId, members.stream().distinct()
          .sorted(Comparator.comparingLong((String m) -> weight(chainId, m)).reversed()
              .thenComparing(Comparator.naturalOrder()))
          .limit(redundancy)
          .toList());
    }
    return owners;
  }

  /** The chains {@code member} watches. */
  public Set<Long> ownedBy(String member, Collection<Long> chainIds, Collection<String> members) {
    return owners(chainIds, members).entrySet().stream()
        .filter(e -> e.getValue().contains(member))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** A stable 64-bit weight: the same on every JVM and version, unlike String.hashCode mixing. */
  static long weight(long chainId, String member) {
    byte[] name = member.getBytes(StandardCharsets.UTF_8);
    byte[] input = ByteBuffer.allocate(Long.BYTES + name.length).putLong(chainId).put(name).array();
    return ByteBuffer.wrap(Hash.sha3(input)).getLong();
  }
}
