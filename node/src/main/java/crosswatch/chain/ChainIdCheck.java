package crosswatch.chain;

import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks each endpoint for {@code eth_chainId} before anything starts, all endpoints at once. */
public final class ChainIdCheck {
  private static final Logger log = LoggerFactory.getLogger(ChainIdCheck.class);

  private ChainIdCheck() {}

  /** A configured chain whose RPC answered with another chain id. */
  public record Mismatch(ChainEndpoint endpoint, long actualChainId) {}

  /**
   * Returns the endpoints that answered with another chain id. An endpoint that cannot be reached within
   * {@code timeout} is not a mismatch: the node starts and keeps retrying it. What the calls cost (and a wrong
   * chain) is counted in {@code registry}, the node's own, so the first scrape shows it.
   */
  public static List<Mismatch> check(List<ChainEndpoint> endpoints, Duration timeout, MeterRegistry registry) {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Optional<Mismatch>>> answers =
          endpoints.stream().map(e -> executor.submit(() -> ask(e, timeout, registry))).toList();
      var mismatches = new ArrayList<Mismatch>();
      for (Future<Optional<Mismatch>> answer : answers) {
        answer.get().ifPresent(mismatches::add);
      }
      return List.copyOf(mismatches);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking chain ids", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("chain id check failed", e.getCause());
    }
  }

  /** The transports check the chain id of every new connection themselves: asking anything asks it. */
  private static Optional<Mismatch> ask(ChainEndpoint endpoint, Duration timeout, MeterRegistry registry) {
    ChainSettings settings = ChainSettings.DEFAULTS.withRequestTimeout(timeout);
    var meters = new RpcMeters(registry, endpoint.chainId());
    Transport transport = endpoint.isWebSocket()
        ? new WebSocketTransport(endpoint, settings, meters) : new HttpTransport(endpoint, settings, meters);
    try (transport) {
      long actual = RpcAnswers.quantity(transport.send(List.of(RpcRequests.chainId())).getFirst());
      return actual == endpoint.chainId() ? Optional.empty() : Optional.of(new Mismatch(endpoint, actual));
    } catch (RpcFailure e) {
      if (e.servedChainId().isPresent()) {
        return Optional.of(new Mismatch(endpoint, e.servedChainId().getAsLong()));
      }
      log.warn("chain id not checked: rpc unreachable chainId={} rpc={} error={}", endpoint.chainId(),
          endpoint.display(), e.getMessage());
      return Optional.empty();
    }
  }
}
