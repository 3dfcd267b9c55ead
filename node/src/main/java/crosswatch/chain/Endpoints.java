package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * A chain's endpoints in the order they were configured. Calls go to the active one; when it stays unavailable
 * after its retries, the next one is tried, and the first that answers becomes active (it stays active until it
 * fails in turn). A refusal is the node asking for less, not a failure: it is passed on without failing over.
 */
final class Endpoints implements RpcCaller {
  private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

  @FunctionalInterface
  private interface Attempt<T> {
    T on(RpcClient client) throws ChainUnavailable;
  }

  private final long chainId;
  private final List<RpcClient> clients;
  private final AtomicInteger active = new AtomicInteger();

  Endpoints(long chainId, List<RpcClient> clients) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one endpoint: " + chainId);
    }
    this.chainId = chainId;
    this.clients = List.copyOf(clients);
  }

  @Override
  public long chainId() {
    return chainId;
  }

  List<RpcClient> clients() {
    return clients;
  }

  /** The index of the endpoint calls go to first. */
  int active() {
    return active.get();
  }

  /** Makes the endpoint after {@code index} active, unless another call moved on already. */
  void failedOver(int index) {
    int next = (index + 1) % clients.size();
    if (next != index && active.compareAndSet(index, next)) {
      log.warn("rpc failover chainId={} from={} to={}", chainId, clients.get(index).endpoint().display(),
          clients.get(next).endpoint().display());
    }
  }

  @Override
  public <T> T call(List<Request<?, ? extends Response<?>>> requests, RpcClient.Reader<T> reader)
      throws ChainUnavailable {
    return failover(client -> client.call(requests, reader), false);
  }

  @Override
  public <T> RpcClient.Answer<T> callOrRefuse(List<Request<?, ? extends Response<?>>> requests,
                                              RpcClient.Reader<T> reader)
      throws ChainUnavailable {
    return failover(client -> client.callOrRefuse(requests, reader), true);
  }

  private <T> T failover(Attempt<T> attempt, boolean refusalEnds) throws ChainUnavailable {
    avoidUnhealthy();
    ChainUnavailable last = null;
    for (int tried = 0; tried < clients.size(); tried++) {
      int index = active.get();
      try {
        return attempt.on(clients.get(index));
      } catch (ChainUnavailable e) {
        if (Thread.currentThread().isInterrupted() || (refusalEnds && RpcClient.refused(e))) {
          throw e;
        }
        last = e;
        failedOver(index);
      }
    }
    throw last;
  }

  /**
   * Moves off an active endpoint that its client already knows to be failing (a hang shows within the request
   * timeout) when another one answers, so that a call does not first wait out every retry of a dead endpoint.
   */
  private void avoidUnhealthy() {
    int index = active.get();
    if (clients.size() == 1 || clients.get(index).health().connected()) {
      return;
    }
    for (int step = 1; step < clients.size(); step++) {
      int other = (index + step) % clients.size();
      if (clients.get(other).health().connected()) {
        if (active.compareAndSet(index, other)) {
          log.warn("rpc failover chainId={} from={} to={} reason=unhealthy", chainId,
              clients.get(index).endpoint().display(), clients.get(other).endpoint().display());
        }
        return;
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(RpcClient::close);
  }
}
