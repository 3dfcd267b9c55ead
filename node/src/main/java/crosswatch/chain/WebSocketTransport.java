package crosswatch.chain;

import io.reactivex.Flowable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSubscribe;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.NewHeadsNotification;
import tools.jackson.core.JacksonException;

/**
 * JSON-RPC over ws(s) through web3j's {@link WebSocketService}. The connection is opened on first use and opened
 * again after it drops; every call waits at most the timeout, whatever web3j's own (longer) request timeout is.
 */
final class WebSocketTransport implements Transport {

  /** One opened socket; {@code open} turns false when the server or the network closes it. */
  private record Connection(WebSocketService service, AtomicBoolean open) {}

  private final ChainEndpoint endpoint;
  private final Duration timeout;
  private Connection connection;
  private boolean closed;

  WebSocketTransport(ChainEndpoint endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  @Override
  public List<Response<?>> send(List<Request<?, ? extends Response<?>>> requests) throws RpcFailure {
    Connection current = connected();
    try {
      if (requests.size() == 1) {
        Request<?, ? extends Response<?>> request = requests.getFirst();
        return List.of(await(current.service().sendAsync(request, request.getResponseType())));
      }
      BatchRequest batch = new BatchRequest(current.service());
      requests.forEach(batch::add);
      return List.copyOf(await(current.service().sendBatchAsync(batch)).getResponses());
    } catch (RpcFailure e) {
      if (e.kind() == RpcFailure.Kind.IO) {
        current.open().set(false);
      }
      throw e;
    } catch (RuntimeException e) {
      // Sending on a socket that just dropped throws from the client library itself.
      current.open().set(false);
      throw new RpcFailure(RpcFailure.Kind.IO, String.valueOf(e.getMessage()), e);
    }
  }

  /** Subscribes to {@code newHeads} on the current connection; the stream fails when the connection drops. */
  Flowable<NewHeadsNotification> newHeads() throws RpcFailure {
    WebSocketService service = connected().service();
    var subscribe = new Request<>("eth_subscribe", List.of("newHeads"), service, EthSubscribe.class);
    return service.subscribe(subscribe, "eth_unsubscribe", NewHeadsNotification.class);
  }

  private synchronized Connection connected() throws RpcFailure {
    if (closed) {
      throw new RpcFailure(RpcFailure.Kind.IO, "transport closed");
    }
    if (connection != null && connection.open().get()) {
      return connection;
    }
    if (connection != null) {
      connection.service().close();
    }
    connection = open();
    return connection;
  }

  /** Opens a socket within the timeout: web3j's own connect waits without a bound. */
  private Connection open() throws RpcFailure {
    var service = new WebSocketService(endpoint.rpc().toString(), false);
    var open = new AtomicBoolean(false);
    var connect = new FutureTask<Void>(() -> {
      service.connect(message -> { }, error -> open.set(false), () -> open.set(false));
      return null;
    });
    Thread.ofVirtual().name("ws-connect-" + endpoint.chainId()).start(connect);
    try {
      connect.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      open.set(true);
      return new Connection(service, open);
    } catch (TimeoutException e) {
      service.close();
      throw new RpcFailure(RpcFailure.Kind.TIMEOUT, "no connection in time to " + endpoint.display(), e);
    } catch (ExecutionException e) {
      service.close();
      throw new RpcFailure(RpcFailure.Kind.IO, "cannot connect to " + endpoint.display(), e.getCause());
    } catch (InterruptedException e) {
      service.close();
      Thread.currentThread().interrupt();
      throw new RpcFailure(RpcFailure.Kind.IO, "interrupted while connecting", e);
    }
  }

  private <T> T await(CompletableFuture<T> answer) throws RpcFailure {
    try {
      T value = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (value == null) {
        throw new RpcFailure(RpcFailure.Kind.GARBLED, "empty answer");
      }
      return value;
    } catch (TimeoutException e) {
      answer.cancel(false);
      throw new RpcFailure(RpcFailure.Kind.TIMEOUT, "no answer in time", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException && cause.getCause() instanceof JacksonException) {
        throw new RpcFailure(RpcFailure.Kind.GARBLED, cause.getMessage(), cause);
      }
      if (cause instanceof IOException) {
        throw new RpcFailure(RpcFailure.Kind.IO, cause.getMessage(), cause);
      }
      throw new RpcFailure(RpcFailure.Kind.GARBLED, String.valueOf(cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcFailure(RpcFailure.Kind.IO, "interrupted", e);
    } catch (RuntimeException e) {
      throw new RpcFailure(RpcFailure.Kind.GARBLED, String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (connection != null) {
      connection.service().close();
    }
  }
}
