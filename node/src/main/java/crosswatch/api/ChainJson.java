package crosswatch.api;

import crosswatch.store.ChainStatus;
import crosswatch.store.EndpointStatus;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One chain as {@code /api/v1/chains} shows it; block numbers are decimal strings, null while unknown.
 *
 * @param rpc scheme://host:port only: never credentials, paths or query strings
 */
public record ChainJson(String chainId, String rpc, HeadsJson heads, String checkpoint, String lagBlocks,
                        List<String> owners, boolean connected, String lastError, String lastErrorAt,
                        List<EndpointJson> endpoints) {

  /** One RPC endpoint of the chain; times ISO-8601 UTC, null when never. */
  public record EndpointJson(String rpc, boolean active, boolean connected, String lastError, String lastErrorAt) {
    static EndpointJson of(EndpointStatus e) {
      return new EndpointJson(e.rpc(), e.active(), e.connected(), e.lastError().orElse(null),
          e.lastErrorAt().map(Instant::toString).orElse(null));
    }
  }

  /** The chain's head block numbers by tag. */
  public record HeadsJson(String latest, String safe, String finalized) {}

  /** The chain list's body. */
  public record ListJson(List<ChainJson> chains) {}

  public static ChainJson of(ChainStatus c) {
    return new ChainJson(Long.toString(c.chainId()), c.rpc(),
        new HeadsJson(decimal(c.latest()), decimal(c.safe()), decimal(c.finalized())), decimal(c.checkpoint()),
        decimal(c.lagBlocks()), c.owners(), c.connected(), c.lastError().orElse(null),
        c.lastErrorAt().map(Instant::toString).orElse(null), c.endpoints().stream().map(EndpointJson::of).toList());
  }

  private static String decimal(OptionalLong value) {
    return value.isPresent() ? Long.toString(value.getAsLong()) : null;
  }
}
