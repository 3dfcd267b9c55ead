package crosswatch.app;

import crosswatch.api.ApiServer;
import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.ChainSettings;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.SiteLinks;
import crosswatch.config.Config;
import crosswatch.metrics.SiteGauges;
import crosswatch.metrics.StoreGauges;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Crosswatch node: wires metrics, message store, checkpoints, pipeline and HTTP server, starts them in that
 * order and stops them in reverse. A start that fails part way stops what had started.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  private final Config config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private int httpPort = -1;

  public Node(Config config) {
    this.config = config;
  }

  /** Where every meter of the node goes, the checks made before {@link #start} included. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public static String version() {
    return Optional.ofNullable(Node.class.getPackage().getImplementationVersion()).orElse("dev");
  }

  public synchronized void start() throws Exception {
    try {
      onStop(registry::close);
      onStop(NodeMeters.bind(registry, version(), config.nodeName()));
      // Without cluster flags the node is a one-member cluster: the same replicated caches and file store.
      var cluster = started(ClusterStores.start(ClusterWiring.options(config), registry, config.retention()));
      MessageStore store = cluster.messages();
      // Published before this replica starts any chain: owners deciding a cold start wait for every member's points.
      var coldStarts = ClusterWiring.coldStarts(cluster, config);
      var pipeline = started(new Pipeline(config.chains(), config.startBlocks(), config.dependencies(), store,
          cluster.checkpoints(), registry, config.nodeName(), ChainSettings.DEFAULTS, cluster.heads(),
          config.sweepInterval(), coldStarts));
      pipeline.start(Set.of());
      var owners = ClusterWiring.owners(config, pipeline, registry);
      var membership = started(ClusterWiring.watch(cluster, pipeline, config, registry, owners));
      var counts = started(new MessageCounts(store));
      var status = new NodeStatus(pipeline, cluster.heads(), cluster.checkpoints(), owners::owners,
          () -> cluster.cacheManager().getStatus().allowInvocations(), config.readyLagBlocks());
      new StoreGauges(config.chains().stream().map(ChainEndpoint::chainId).distinct().toList(), counts, status::chains,
          Clock.systemUTC()).bindTo(registry);
      var sites = started(SiteLinks.start(cluster, config.nodeName(), Clock.systemUTC()));
      new SiteGauges(ClusterWiring.chainIds(config), counts, config.cluster().site().sites(), sites::links)
          .bindTo(registry);
      var api = started(new ApiServer(store, registry, counts, status,
          Optional.of(() -> ClusterWiring.status(config, membership, owners, sites))));
      httpPort = api.start(config.httpHost(), config.httpPort(), config.httpTls());
    } catch (Exception e) {
      close();
      throw e;
    }
    log.info("node started nodeName={} version={} httpHost={} httpPort={} https={} clientAuth={} chains={}",
        config.nodeName(), version(), config.httpHost(), httpPort, config.httpTls().isPresent(),
        config.httpTls().map(t -> t.clientAuth().wireName()).orElse("none"),
        config.chains().stream().map(c -> c.chainId() + "=" + c.display()).toList());
  }

  /** The port the HTTP server listens on (the chosen one when configured as 0); -1 before start. */
  public synchronized int httpPort() {
    return httpPort;
  }

  /** Stops everything started, newest first; safe to call twice and from a shutdown hook. */
  @Override
  public synchronized void close() {
    boolean wasRunning = !started.isEmpty();
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        log.warn("stopping a part failed part={} error={}", part.getClass().getSimpleName(), e.toString());
      }
    }
    if (wasRunning) {
      log.info("node stopped nodeName={}", config.nodeName());
    }
  }

  /** Registers {@code part} to be closed on stop when it is closeable, so swapping an implementation is one line. */
  private <T> T started(T part) {
    if (part instanceof AutoCloseable closeable) {
      onStop(closeable);
    }
    return part;
  }

  private void onStop(AutoCloseable stop) {
    started.push(stop);
  }
}
