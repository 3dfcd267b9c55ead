package crosswatch.devnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/** Sends JSON-RPC requests and turns errors into exceptions, so fixture callers need no checked exceptions. */
final class Rpc {
  private final Web3jService service;

  Rpc(Web3jService service) {
    this.service = service;
  }

  /** A method web3j has no wrapper for (anvil's test methods); the result as Jackson maps it. */
  Object call(String method, Object... params) {
    return send(new Request<>(method, List.of(params), service, AnyResponse.class)).getResult();
  }

  static <T extends Response<?>> T send(Request<?, T> request) {
    T response;
    try {
      response = request.send();
    } catch (IOException e) {
      throw new UncheckedIOException(request.getMethod() + " failed", e);
    }
    if (response.hasError()) {
      throw new IllegalStateException(request.getMethod() + " failed: " + response.getError().getMessage()
          + (response.getError().getData() == null ? "" : " " + response.getError().getData()));
    }
    return response;
  }

  /** Any JSON result. Public so that web3j's object mapper can build it. */
  public static final class AnyResponse extends Response<Object> {}
}
