package crosswatch.chain;

import crosswatch.judge.AccessLists;
import crosswatch.judge.ChainUnavailable;
import crosswatch.judge.EndpointRead;
import crosswatch.judge.ExecutingLogs;
import crosswatch.judge.ExecutingRead;
import crosswatch.judge.InitiatingBlocks;
import crosswatch.metrics.RpcMeters;
import crosswatch.protocol.InitiatingBlock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * One chain's JSON-RPC endpoints, shared by its scanner and by the judge of messages pointing into it: over ws(s)
 * with new-heads notifications, over http(s) with polling. Calls go to the active endpoint and fail over to the
 * next; a verdict that one answer could have got wrong is confirmed by reading its block from every endpoint.
 * Connections open lazily; closed after the scanner and the judge have stopped.
 */
public final class ChainConnection implements AutoCloseable {
  /** Messages mostly point a few blocks back; an older initiating block costs one request more. */
  private static final int SCANNED_HEADERS = 256;

  private final long chainId;
  private final List<ChainEndpoint> endpoints;
  private final Endpoints failover;
  private final ChainRpc rpc;
  private final SecondOpinion secondOpinion;
  private final List<ChainRpc> eachEndpoint = new ArrayList<>();
  private final List<HeadSource> heads = new ArrayList<>();
  private final ScannedHeaders scannedHeaders = new ScannedHeaders(SCANNED_HEADERS);

  /** @param endpoints one chain's endpoints, in order of preference */
  public ChainConnection(List<ChainEndpoint> endpoints, ChainSettings settings, MeterRegistry registry) {
    if (endpoints.isEmpty() || endpoints.stream().map(ChainEndpoint::chainId).distinct().count() != 1) {
      throw new IllegalArgumentException("endpoints of exactly one chain are required: " + endpoints);
    }
    this.endpoints = List.copyOf(endpoints);
    this.chainId = endpoints.getFirst().chainId();
    var meters = new RpcMeters(registry, chainId);
    var clients = new ArrayList<RpcClient>();
    for (ChainEndpoint endpoint : endpoints) {
      if (endpoint.isWebSocket()) {
        var transport = new WebSocketTransport(endpoint, settings, meters);
        var client = new RpcClient(endpoint, transport, settings, meters);
        var one = new ChainRpc(client);
        clients.add(client);
        eachEndpoint.add(one);
        heads.add(new SubscribedHeads(chainId, transport, one, settings.webSocketSilence()));
      } else {
        var client = new RpcClient(endpoint, new HttpTransport(endpoint, settings, meters), settings, meters);
        var one = new ChainRpc(client);
        clients.add(client);
        eachEndpoint.add(one);
        heads.add(new PolledHeads(one, settings.pollInterval()));
      }
    }
    this.failover = new Endpoints(chainId, clients, settings);
    this.rpc = new ChainRpc(failover);
    this.secondOpinion = new SecondOpinion(chainId, clients, failover::active);
  }

  public long chainId() {
    return chainId;
  }

  public List<ChainEndpoint> endpoints() {
    return endpoints;
  }

  /** How each endpoint fares now, in configured order: connected, last error, wrong chain. */
  public List<EndpointHealth> health() {
    return failover.clients().stream().map(RpcClient::health).toList();
  }

  /** The endpoint calls go to now. */
  public ChainEndpoint active() {
    return endpoints.get(failover.active());
  }

  /** The index of {@link #active()} in {@link #endpoints()}. */
  public int activeIndex() {
    return failover.active();
  }

  /** The chain's blocks, for judging the messages that point into it. */
  public InitiatingBlocks initiatingBlocks() {
    return new InitiatingBlocks() {
      @Override
      public Map<Long, InitiatingBlock> at(Map<Long, Set<String>> originsByNumber, Set<Long> afresh)
          throws ChainUnavailable {
        var scanned = new ArrayList<>(originsByNumber.keySet());
        scanned.removeAll(afresh);
        return rpc.initiatingBlocks(originsByNumber, scannedHeaders.at(scanned));
      }

      @Override
      public List<EndpointRead> everyEndpoint(long number) {
        return readEverywhere(number);
      }
    };
  }

  /** The chain's transactions' access lists, for confirming the messages executed on it. */
  public AccessLists accessLists() {
    return rpc::inboxStorageKeys;
  }

  /**
   * The chain's blocks, for confirming the executing log of a message executed on it before it is found invalid;
   * read from every endpoint, so it serves a chain with two or more.
   */
  public ExecutingLogs executingLogs() {
    return (number, hash) -> readEverywhere((one, shown) -> one.executingBlock(number, hash, shown),
        ExecutingRead.Failed::new);
  }

  /** The block read completely from every endpoint at once; a slow endpoint delays only this confirmation. */
  private List<EndpointRead> readEverywhere(long number) {
    return readEverywhere((one, shown) -> one.wholeBlock(number, shown), EndpointRead.Failed::new);
  }

  /** One read at every endpoint at once, in configured order; {@code failed} stands for a read that broke. */
  private <T> List<T> readEverywhere(BiFunction<ChainRpc, String, T> read, BiFunction<String, String, T> failed) {
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var reads = new ArrayList<Future<T>>();
      for (int i = 0; i < eachEndpoint.size(); i++) {
        ChainRpc one = eachEndpoint.get(i);
        String shown = endpoints.get(i).display();
        reads.add(executor.submit(() -> read.apply(one, shown)));
      }
      var answers = new ArrayList<T>();
      for (int i = 0; i < reads.size(); i++) {
        String shown = endpoints.get(i).display();
        try {
          answers.add(reads.get(i).get());
        } catch (ExecutionException e) {
          answers.add(failed.apply(shown, String.valueOf(e.getCause().getMessage())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          answers.add(failed.apply(shown, "interrupted"));
        }
      }
      return answers;
    }
  }

  ChainRpc rpc() {
    return rpc;
  }

  /** Another endpoint's read of the inbox logs the scanner is about to record (none with one endpoint). */
  SecondOpinion secondOpinion() {
    return secondOpinion;
  }

  /** What the chain's scanner passed, for the judge of messages pointing into it. */
  ScannedHeaders scannedHeaders() {
    return scannedHeaders;
  }

  /** News of the head from the active endpoint; a failure there makes the next endpoint active. */
  HeadSource heads() {
    return new HeadSource() {
      @Override
      public List<Seen> next() throws ChainUnavailable, InterruptedException {
        int index = failover.active();
        try {
          return heads.get(index).next();
        } catch (ChainUnavailable e) {
          failover.failedOver(index);
          throw e;
        }
      }

      @Override
      public void close() {
        heads.forEach(HeadSource::close);
      }
    };
  }

  @Override
  public void close() {
    heads.forEach(HeadSource::close);
    rpc.close();
  }
}
