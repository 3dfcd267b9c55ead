package crosswatch.chain;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/** JSON-RPC over http(s) through web3j's {@link HttpService}; every call is bounded by the client's call timeout. */
final class HttpTransport implements Transport {
  private final HttpService service;

  HttpTransport(ChainEndpoint endpoint, Duration timeout) {
    OkHttpClient client = new OkHttpClient.Builder()
        .callTimeout(timeout)
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .build();
    this.service = new HttpService(endpoint.rpc().toString(), client);
  }

  @Override
  public List<Response<?>> send(List<Request<?, ? extends Response<?>>> requests) throws RpcFailure {
    try {
      if (requests.size() == 1) {
        Request<?, ? extends Response<?>> request = requests.getFirst();
        Response<?> response = service.send(request, request.getResponseType());
        if (response == null) {
          throw new RpcFailure(RpcFailure.Kind.GARBLED, "empty answer");
        }
        return List.of(response);
      }
      BatchRequest batch = new BatchRequest(service);
      requests.forEach(batch::add);
      BatchResponse answer = service.sendBatch(batch);
      if (answer == null) {
        throw new RpcFailure(RpcFailure.Kind.GARBLED, "empty answer");
      }
      return List.copyOf(answer.getResponses());
    } catch (InterruptedIOException e) {
      throw new RpcFailure(RpcFailure.Kind.TIMEOUT, "no answer in time", e);
    } catch (IOException | ClientConnectionException e) {
      throw new RpcFailure(RpcFailure.Kind.IO, String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      // web3j surfaces unparseable or mistyped JSON as Jackson's unchecked exceptions and casts.
      throw new RpcFailure(RpcFailure.Kind.GARBLED, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // Closing only releases the connection pool: nothing is left to recover.
    }
  }
}
