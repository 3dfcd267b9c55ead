package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import crosswatch.metrics.RpcMeters;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * Sends one chain's round trips with bounded retries, backoff and jitter, reads each answer strictly, and counts
 * and times every attempt. What still fails after the last attempt is a {@link ChainUnavailable}.
 */
final class RpcClient implements RpcCaller {
  private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

  /** Reads the answers of one round trip, in request order. */
  @FunctionalInterface
  interface Reader<T> {
    T read(List<Response<?>> answers) throws RpcFailure;
  }

  private final ChainEndpoint endpoint;
  private final Transport transport;
  private final ChainSettings settings;
  private final RpcMeters meters;

  RpcClient(ChainEndpoint endpoint, Transport transport, ChainSettings settings, RpcMeters meters) {
    this.endpoint = endpoint;
    this.transport = transport;
    this.settings = settings;
    this.meters = meters;
  }

  @Override
  public long chainId() {
    return endpoint.chainId();
  }

  ChainEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public <T> T call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws ChainUnavailable {
    return call(requests, reader, false);
  }

  /**
   * Like {@link #call}, but a refusal (error object or timeout) is not retried: the caller asks for less instead.
   */
  @Override
  public <T> T callOrRefuse(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader) throws ChainUnavailable {
    return call(requests, reader, true);
  }

  private <T> T call(List<Request<?, ? extends Response<?>>> requests, Reader<T> reader, boolean refusalEnds)
      throws ChainUnavailable {
    List<String> methods = requests.stream().map(Request::getMethod).toList();
    RpcFailure last = null;
    for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
      long start = System.nanoTime();
      try {
        List<Response<?>> answers = transport.send(requests);
        if (answers.size() != requests.size()) {
          throw new RpcFailure(RpcFailure.Kind.GARBLED,
              answers.size() + " answers to " + requests.size() + " requests");
        }
        T value = reader.read(answers);
        meters.record(methods, "ok", System.nanoTime() - start);
        return value;
      } catch (RpcFailure e) {
        meters.record(methods, e.kind().outcome(), System.nanoTime() - start);
        last = e;
        log.debug("rpc attempt failed chainId={} rpc={} methods={} attempt={} outcome={} error={}",
            chainId(), endpoint.display(), methods, attempt, e.kind().outcome(), e.getMessage());
        if (refusalEnds && e.kind().isRefusal()) {
          break;
        }
      }
      if (attempt < settings.attempts() && !pause(attempt)) {
        break;
      }
    }
    throw new ChainUnavailable(chainId(), methods + " failed at " + endpoint.display() + ": " + last.getMessage(), last);
  }

  /** False when interrupted: the caller is being stopped and must not retry. */
  private boolean pause(int attempt) {
    try {
      Thread.sleep(settings.retry().delay(attempt, ThreadLocalRandom.current()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether a failure was the node refusing a request too large for it. */
  static boolean refused(ChainUnavailable e) {
    return e.getCause() instanceof RpcFailure f && f.kind().isRefusal();
  }

  @Override
  public void close() {
    transport.close();
  }
}
