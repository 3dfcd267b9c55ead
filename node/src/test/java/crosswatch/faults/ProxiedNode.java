package crosswatch.faults;

import crosswatch.cluster.NodeProcess;
import crosswatch.cluster.TestNodes;
import crosswatch.devnet.Devnet;
import crosswatch.devnet.DevnetChain;
import crosswatch.devnet.Traffic;
import crosswatch.devnet.TrafficSettings;
import crosswatch.devnet.proxy.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Three anvil chains (901, 902, 903) with traffic whose truth goes to a {@link Ledger}, and one node process
 * watching them, the RPC of {@value #FAULTY} through a {@link FaultProxy} (over ws or http, its URL carrying
 * {@link Secrets}; with a second, honest endpoint when the {@link Setup} says so), the others directly over ws. Safe and finalized trail the head by 2 and 4 blocks, so blocks
 * are final within seconds, during a fault too. Optionally a fourth chain, {@value #WRONG}, with traffic of its
 * own, which no node is told of: the node of another chain a proxy can switch to.
 */
final class ProxiedNode implements AutoCloseable {
  static final long FAULTY = 902;
  static final long WRONG = 9902;
  static final List<Long> WATCHED = List.of(901L, FAULTY, 903L);
  /** A batch per chain and second, one message in four invalid, 903 running 30 s behind (for every reason). */
  private static final TrafficSettings TRAFFIC = new TrafficSettings(Duration.ofSeconds(1), 4, 30);
  private static final int SLOTS_IN_AN_EPOCH = 2;
  /** How far the wrong chain is ahead: its blocks look new to a scanner of the right one. */
  private static final int WRONG_CHAIN_LEAD = 30;

  final Devnet devnet;
  final FaultProxy proxy;
  final NodeProcess node;
  /** The credentials in the proxied chain's URL. */
  final Secrets secrets;
  final Ledger ledger = new Ledger();
  final VerdictWatch watch;
  private final String baseUrl;
  private final List<Traffic> traffic = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private ProxiedNode(Devnet devnet, FaultProxy proxy, Secrets secrets, NodeProcess node, String baseUrl) {
    this.devnet = devnet;
    this.proxy = proxy;
    this.secrets = secrets;
    this.node = node;
    this.baseUrl = baseUrl;
    this.watch = new VerdictWatch(baseUrl);
  }

  /** Starts chains, proxy and node, then the traffic; whatever started is stopped again when a part fails. */
  static ProxiedNode start(Path dataDir, String name, Setup setup) {
    List<Long> ids = new ArrayList<>(WATCHED);
    if (setup.wrongChain()) {
      ids.add(WRONG);
    }
    Devnet devnet = Devnet.start(Traffic.chainSpecs(ids.stream().mapToLong(Long::longValue).toArray()).stream()
        .map(spec -> spec.withSlotsInAnEpoch(SLOTS_IN_AN_EPOCH)).toList());
    FaultProxy proxy = null;
    NodeProcess node = null;
    ProxiedNode started = null;
    try {
      proxy = FaultProxy.start(devnet.chain(FAULTY).rpcUrl());
      var secrets = Secrets.fresh();
      int clusterPort = TestNodes.freePort();
      var args = new ArrayList<String>();
      for (long id : WATCHED) {
        String url = id == FAULTY ? secrets.in(setup.overWebSocket() ? proxy.wsUrl() : proxy.httpUrl())
            : devnet.chain(id).wsUrl();
        args.addAll(List.of("--rpc", id + "=" + url, "--start-block", id + "=0"));
      }
      if (setup.honestSecondEndpoint()) {
        args.addAll(List.of("--rpc", FAULTY + "=" + devnet.chain(FAULTY).wsUrl()));
      }
      args.addAll(List.of("--cluster-name", "faults-" + clusterPort, "--bind-address", "127.0.0.1",
          "--bind-port", Integer.toString(clusterPort)));
      int httpPort = TestNodes.freePort();
      node = new NodeProcess(name + "-" + httpPort, dataDir, httpPort, args).start();
      started = new ProxiedNode(devnet, proxy, secrets, node, "http://127.0.0.1:" + httpPort);
      started.startTraffic(setup.wrongChain());
      return started;
    } catch (RuntimeException | Error e) {
      Optional.ofNullable(started).ifPresent(n -> n.watch.close());
      Optional.ofNullable(node).ifPresent(NodeProcess::kill);
      Optional.ofNullable(proxy).ifPresent(FaultProxy::close);
      devnet.close();
      throw e;
    }
  }

  private void startTraffic(boolean withWrongChain) {
    traffic.add(Traffic.start(WATCHED.stream().map(devnet::chain).toList(), TRAFFIC, ledger));
    if (withWrongChain) {
      DevnetChain wrong = devnet.chain(WRONG);
      wrong.mine(WRONG_CHAIN_LEAD);
      traffic.add(Traffic.start(List.of(wrong), TRAFFIC));
    }
  }

  /** The node at the other end of a proxy that switches to the wrong chain. */
  URI wrongChain() {
    return URI.create(devnet.chain(WRONG).rpcUrl());
  }

  /** A GET's body whatever its status, or empty when the node does not answer. */
  Optional<String> text(String path) {
    var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(10)).build();
    try {
      return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Stops traffic, then the node (SIGTERM, as an operator would), then the proxy and the chains. */
  @Override
  public void close() {
    traffic.forEach(Traffic::stop);
    watch.close();
    node.stop();
    proxy.close();
    http.close();
    devnet.close();
  }
}
