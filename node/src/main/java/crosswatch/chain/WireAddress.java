package crosswatch.chain;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a transport connects: the endpoint's URL with path and query (API keys often live there) but without
 * userinfo, which is sent as basic authentication instead. Neither is ever shown: see
 * {@link ChainEndpoint#display()}.
 */
record WireAddress(URI target, Optional<String> authorization) {

  static WireAddress of(ChainEndpoint endpoint) {
    URI rpc = endpoint.rpc();
    String path = rpc.getRawPath() == null || rpc.getRawPath().isEmpty() ? "/" : rpc.getRawPath();
    String query = rpc.getRawQuery() == null ? "" : "?" + rpc.getRawQuery();
    try {
      // From the raw parts, so that a percent-encoded character of a key is sent exactly as configured.
      URI target = URI.create(endpoint.display() + path + query);
      Optional<String> authorization = Optional.ofNullable(rpc.getUserInfo())
          .map(user -> "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
      return new WireAddress(target, authorization);
    } catch (IllegalArgumentException e) {
      // The configuration accepted this URL already; the exception's message would show it, so it is dropped.
      throw new IllegalArgumentException("unusable rpc url " + endpoint.display());
    }
  }

  @Override
  public String toString() {
    return "WireAddress[" + target.getScheme() + "://" + target.getHost() + "]";
  }
}
