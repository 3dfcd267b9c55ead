package crosswatch.app;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.cluster.ChainOwners;
import crosswatch.cluster.ClusterOptions;
import crosswatch.cluster.ClusterStatus;
import crosswatch.cluster.ClusterStores;
import crosswatch.cluster.ColdStarts;
import crosswatch.cluster.Membership;
import crosswatch.cluster.NewMessages;
import crosswatch.cluster.Ownership;
import crosswatch.cluster.ResumePoints;
import crosswatch.cluster.SiteLinks;
import crosswatch.config.ClusterConfig;
import crosswatch.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The cluster side of a node: options from the configuration, where chains resume after the cluster lost its
 * state, and the view changes that move chains between replicas.
 */
final class ClusterWiring {
  private ClusterWiring() {}

  static ClusterOptions options(Config config) {
    ClusterConfig c = config.cluster();
    return new ClusterOptions(c.name(), c.stack(), c.members(), c.bindAddress(), c.bindPort(),
        c.initialClusterSize(), ClusterOptions.DEFAULT_INITIAL_CLUSTER_TIMEOUT, config.dataDir().resolve("cluster"),
        config.nodeName(), c.tls(), c.site());
  }

  static List<Long> chainIds(Config config) {
    return config.chains().stream().map(ChainEndpoint::chainId).distinct().toList();
  }

  /**
   * Starts following checkpoints and messages into this replica's resume files and publishes what they say for
   * the other replicas' cold starts; returns this replica's cold starts. Call before the pipeline starts.
   */
  static LongFunction<Optional<StartBlock>> coldStarts(ClusterStores cluster, Config config) {
    var local = new ResumePoints(config.dataDir());
    local.follow(cluster, chainIds(config));
    // A member in the view that has not published yet is still starting its caches: the initial cluster timeout
    // is how long this node already waits for its peers to start.
    var coldStarts = new ColdStarts(cluster, local, options(config).initialClusterTimeout());
    coldStarts.publish(chainIds(config));
    return chainId -> {
      var from = coldStarts.coldStart(chainId);
      return from.isPresent() ? Optional.of(new StartBlock.Number(from.getAsLong())) : Optional.empty();
    };
  }

  /**
   * Gives the pipeline the chains this replica owns now and after every view change, hands it the messages
   * other replicas find, and after a healed partition re-reads what conflict resolution wrote.
   */
  static Membership watch(ClusterStores cluster, Pipeline pipeline, Config config, MeterRegistry registry,
                          ChainOwners owners) {
    forwardMessages(cluster, pipeline);
    var membership = new Membership(cluster.cacheManager(), config.cluster().expectedMembers(),
        cluster.caches(), () -> {
          cluster.messages().reindex();
          pipeline.stored(cluster.messages().pending());
        }, registry, cluster.site().relays());
    membership.subscribe(owners);
    return membership;
  }

  /** Hands the pipeline the messages other replicas store or make pending again, for their judges. */
  static void forwardMessages(ClusterStores cluster, Pipeline pipeline) {
    cluster.cacheManager().getCache(ClusterStores.MESSAGES)
        .addListener(new NewMessages(pipeline::stored, ClusterStores.recordSite(cluster.site())));
  }

  static ChainOwners owners(Config config, Pipeline pipeline, MeterRegistry registry) {
    return new ChainOwners(chainIds(config), new Ownership(config.cluster().scanRedundancy()), pipeline::own,
        registry);
  }

  static ClusterStatus status(Config config, Membership membership, ChainOwners owners, SiteLinks sites) {
    return ClusterStatus.of(config.cluster().site().site(), membership.view(), owners.owners(), sites.links());
  }
}
