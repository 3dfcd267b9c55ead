package crosswatch.chain;

import crosswatch.judge.ChainUnavailable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;

/**
 * A chain's endpoints in the order they were configured. Calls go to the active one first. With several, a call
 * makes rounds: one attempt at each endpoint in turn, from the active one, with the retry backoff between rounds;
 * the first that answers becomes active (and stays so until it fails in turn). So a failing endpoint costs one
 * attempt, not all of its retries, before the next is asked. An endpoint held off by a rate limit is passed over
 * while another may be asked. A refusal is the node asking for less, not a failure: it is passed on without
 * failing over. A lone endpoint makes all its attempts itself ({@link RpcClient}).
 */
final class Endpoints implements RpcCaller {
  private static final Logger log = LoggerFactory.getLogger(Endpoints.class);

  private final long chainId;
  private final List<RpcClient> clients;
  private final ChainSettings settings;
  private final AtomicInteger active = new AtomicInteger();

  Endpoints(long chainId, List<RpcClient> clients, ChainSettings settings) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one endpoint: " + chainId);
    }
    this.chainId = chainId;
    this.clients = List.copyOf(clients);
    this.settings = settings;
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
    activate(index, (index + 1) % clients.size(), "failed");
  }

  private void activate(int from, int to, String reason) {
    if (to != from && active.compareAndSet(from, to)) {
      log.warn("rpc failover chainId={} from={} to={} reason={}", chainId, clients.get(from).endpoint().display(),
          clients.get(to).endpoint().display(), reason);
    }
  }

  @Override
  public <T> T call(List<Request<?, ? extends Response<?>>> requests, RpcClient.Reader<T> reader)
      throws ChainUnavailable {
    return failover(requests, reader, false).value();
  }

  @Override
  public <T> RpcClient.Answer<T> callOrRefuse(List<Request<?, ? extends Response<?>>> requests,
                                              RpcClient.Reader<T> reader) throws ChainUnavailable {
    return failover(requests, reader, true);
  }

  private <T> RpcClient.Answer<T> failover(List<Request<?, ? extends Response<?>>> requests,
                                           RpcClient.Reader<T> reader, boolean refusalEnds)
      throws ChainUnavailable {
    if (clients.size() == 1) {
      return clients.getFirst().call(requests, reader, refusalEnds);
    }
    avoidUnhealthy();
    RpcClient failedLast = clients.get(active.get());
    RpcFailure last = null;
    var wrongChain = new boolean[clients.size()];
    for (int round = 1; round <= settings.attempts(); round++) {
      if (round > 1 && !pause(settings.retry().delay(round - 1, ThreadLocalRandom.current()))) {
        break;
      }
      int first = active.get();
      for (int step = 0; step < clients.size(); step++) {
        int index = (first + step) % clients.size();
        RpcClient client = clients.get(index);
        if (wrongChain[index] || client.heldOff() && anotherFree(index)) {
          continue;
        }
        try {
          RpcClient.Answer<T> answer = client.attempt(requests, reader);
          activate(first, index, "answered");
          return answer;
        } catch (RpcFailure e) {
          failedLast = client;
          last = e;
          if (Thread.currentThread().isInterrupted() || refusalEnds && e.kind().isRefusal()) {
            throw client.unavailable(requests, e);
          }
          wrongChain[index] = e.kind() == RpcFailure.Kind.WRONG_CHAIN;
        }
      }
    }
    throw failedLast.unavailable(requests, last);
  }

  /** Whether an endpoint other than {@code index} is not held off by a rate limit. */
  private boolean anotherFree(int index) {
    for (int other = 0; other < clients.size(); other++) {
      if (other != index && !clients.get(other).heldOff()) {
        return true;
      }
    }
    return false;
  }

  /** Waits between rounds; false when interrupted. */
  private static boolean pause(Duration wait) {
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
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
        activate(index, other, "unhealthy");
        return;
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(RpcClient::close);
  }
}
