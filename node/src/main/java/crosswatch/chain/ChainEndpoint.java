package crosswatch.chain;

import java.net.URI;
import java.util.Objects;

/**
 * One configured chain and the JSON-RPC URL that serves it (http, https, ws or wss).
 * {@link #toString()} and {@link #display()} never show credentials, paths or query strings.
 */
public record ChainEndpoint(long chainId, URI rpc) {
  public ChainEndpoint {
    Objects.requireNonNull(rpc, "rpc");
  }

  public boolean isWebSocket() {
    return "ws".equals(rpc.getScheme()) || "wss".equals(rpc.getScheme());
  }

  /** scheme://host:port only: what logs, errors and the API may show. */
  public String display() {
    int port = rpc.getPort();
    return rpc.getScheme() + "://" + rpc.getHost() + (port == -1 ? "" : ":" + port);
  }

  @Override
  public String toString() {
    return "ChainEndpoint[chainId=" + chainId + ", rpc=" + display() + "]";
  }
}
