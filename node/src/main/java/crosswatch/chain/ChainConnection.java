package crosswatch.chain;

import crosswatch.judge.AccessLists;
import crosswatch.judge.InitiatingBlocks;
import crosswatch.metrics.RpcMeters;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One chain's JSON-RPC connection, shared by its scanner and by the judge of messages pointing into it: over
 * ws(s) with new-heads notifications, over http(s) with polling. Opened lazily; closed after both have stopped.
 */
public final class ChainConnection implements AutoCloseable {
  private final ChainEndpoint endpoint;
  private final ChainRpc rpc;
  private final HeadSource heads;

  public ChainConnection(ChainEndpoint endpoint, ChainSettings settings, MeterRegistry registry) {
    this.endpoint = endpoint;
    var meters = new RpcMeters(registry, endpoint.chainId());
    if (endpoint.isWebSocket()) {
      var transport = new WebSocketTransport(endpoint, settings, meters);
      this.rpc = new ChainRpc(new RpcClient(endpoint, transport, settings, meters));
      this.heads = new SubscribedHeads(endpoint.chainId(), transport, rpc, settings.webSocketSilence());
    } else {
      this.rpc = new ChainRpc(new RpcClient(endpoint, new HttpTransport(endpoint, settings, meters), settings,
          meters));
      this.heads = new PolledHeads(rpc, settings.pollInterval());
    }
  }

  public ChainEndpoint endpoint() {
    return endpoint;
  }

  /** The chain's blocks, for judging the messages that point into it. */
  public InitiatingBlocks initiatingBlocks() {
    return rpc::initiatingBlocks;
  }

  /** The chain's transactions' access lists, for confirming the messages executed on it. */
  public AccessLists accessLists() {
    return rpc::inboxStorageKeys;
  }

  ChainRpc rpc() {
    return rpc;
  }

  HeadSource heads() {
    return heads;
  }

  @Override
  public void close() {
    heads.close();
    rpc.close();
  }
}
