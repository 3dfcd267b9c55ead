package crosswatch.api;

import crosswatch.cluster.ClusterStatus;
import crosswatch.store.MessageStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The HTTP server: API, health and metrics on one port. Owns its Vert.x instance and handler threads. */
public final class ApiServer implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 10;

  private final MessageStore store;
  private final PrometheusMeterRegistry registry;
  private final Optional<Supplier<ClusterStatus>> cluster;
  private final ExecutorService blocking =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("crosswatch-api-", 0).factory());
  private final Vertx vertx = Vertx.vertx(new VertxOptions()
      // Serves no files: without this Vert.x creates a .vertx cache directory in the working directory.
      .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));

  public ApiServer(MessageStore store, PrometheusMeterRegistry registry) {
    this(store, registry, Optional.empty());
  }

  /** @param cluster what {@code /api/v1/cluster} shows; without it the route is absent */
  public ApiServer(MessageStore store, PrometheusMeterRegistry registry, Optional<Supplier<ClusterStatus>> cluster) {
    this.store = store;
    this.registry = registry;
    this.cluster = cluster;
  }

  /** Binds and returns the port listened on (the chosen one when {@code port} is 0). */
  public int start(String host, int port) throws TimeoutException {
    HttpServer server = vertx.createHttpServer()
        .requestHandler(Routes.router(vertx, store, registry, cluster, blocking))
        .listen(port, host)
        .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return server.actualPort();
  }

  @Override
  public void close() throws TimeoutException {
    try {
      vertx.close().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } finally {
      blocking.close();
    }
  }
}
