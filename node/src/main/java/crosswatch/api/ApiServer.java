package crosswatch.api;

import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStatus;
import crosswatch.store.ChainStatus;
import crosswatch.store.MessageCounts;
import crosswatch.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The HTTP server: API, health and metrics on one port, over HTTPS when given key material. Owns its Vert.x instance
 * and handler threads.
 */
public final class ApiServer implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 10;

  private final MessageStore store;
  private final PrometheusMeterRegistry registry;
  private final NodeView node;
  private final MessageCounts counts;
  private final EventFeed feed;
  private final String localSite;
  private final Optional<Supplier<ClusterStatus>> cluster;
  private final ExecutorService blocking =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("crosswatch-api-", 0).factory());
  private final Vertx vertx = Vertx.vertx(new VertxOptions()
      // Serves no files: without this Vert.x creates a .vertx cache directory in the working directory.
      .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));

  /** What a server built for tests of the message API shows: no chains, always in the cluster. */
  private static final NodeView NO_CHAINS = new NodeView() {
    @Override
    public List<ChainStatus> chains() {
      return List.of();
    }

    @Override
    public boolean inCluster() {
      return true;
    }

    @Override
    public long readyLagBlocks() {
      return 0;
    }
  };

  /** A server that shows no chains (for tests of the message API). */
  public ApiServer(MessageStore store, PrometheusMeterRegistry registry) {
    this(store, registry, Optional.empty());
  }

  /**
   * A server that shows no chains, with {@code /api/v1/cluster} answered from {@code cluster} when present (for
   * tests of the message and cluster API).
   */
  public ApiServer(MessageStore store, PrometheusMeterRegistry registry, Optional<Supplier<ClusterStatus>> cluster) {
    this(store, registry, new MessageCounts(store), NO_CHAINS, cluster);
  }

  /** A server without {@code /api/v1/cluster}. */
  public ApiServer(MessageStore store, PrometheusMeterRegistry registry, MessageCounts counts, NodeView node) {
    this(store, registry, counts, node, Optional.empty());
  }

  /**
   * @param counts the node's counts of {@code store}'s records, shared with its gauges
   * @param cluster what {@code /api/v1/cluster} shows; without it the route is absent
   */
  public ApiServer(MessageStore store, PrometheusMeterRegistry registry, MessageCounts counts, NodeView node,
                   Optional<Supplier<ClusterStatus>> cluster) {
    this.store = store;
    this.registry = registry;
    this.counts = counts;
    this.node = node;
    this.cluster = cluster;
    // A one-site deployment leaves its verdicts unnamed; they are shown under the site's name (its cluster's).
    this.localSite = cluster.map(c -> c.get().site()).orElse(ClusterOptions.DEFAULT_CLUSTER_NAME);
    this.feed = new EventFeed(store.events(), localSite);
  }

  /** Binds plain HTTP and returns the port listened on (the chosen one when {@code port} is 0). */
  public int start(String host, int port) throws TimeoutException {
    return start(host, port, Optional.empty());
  }

  /**
   * Binds, over HTTPS when {@code tls} is present, and returns the port listened on. The key material is read again
   * every {@link KeyMaterialReload#INTERVAL}, so a renewed certificate is served without a restart.
   */
  public int start(String host, int port, Optional<HttpTls> tls) throws TimeoutException {
    Optional<KeyMaterial> material = tls.map(ApiServer::read);
    HttpServerOptions options = material.map(KeyMaterial::serverOptions).orElseGet(HttpServerOptions::new);
    boolean gated = tls.map(t -> t.clientAuth() == HttpTls.ClientAuth.OPTIONAL).orElse(false);
    HttpServer server = vertx.createHttpServer(options)
        .requestHandler(Routes.router(vertx, store, registry, blocking, node, counts, feed, cluster, localSite,
            gated))
        .listen(port, host)
        .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (tls.isPresent()) {
      var reload = new KeyMaterialReload(tls.get(), server, material.get());
      vertx.setPeriodic(KeyMaterialReload.INTERVAL.toMillis(), id -> blocking.execute(reload::check));
    }
    return server.actualPort();
  }

  private static KeyMaterial read(HttpTls tls) {
    try {
      return KeyMaterial.read(tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws TimeoutException {
    feed.close();
    try {
      vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      blocking.close();
    }
  }
}
