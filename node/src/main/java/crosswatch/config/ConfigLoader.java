package crosswatch.config;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.cluster.TlsOptions;
import crosswatch.protocol.DependencySet;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns arguments, environment and the optional YAML file into a {@link Config}, or the first reason to refuse.
 * Reads the files the configuration names; starts nothing.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static ConfigResult load(List<String> args, Map<String, String> env) {
    if (ArgsSource.asksForHelp(args)) {
      return new ConfigResult.HelpRequested(HelpText.render());
    }
    try {
      Map<String, Setting> cli = ArgsSource.read(args);
      Map<String, Setting> fromEnv = EnvSource.read(env);
      Optional<Path> file = new Settings(cli, fromEnv).optional(Flags.CONFIG);
      Map<String, Setting> fromFile = file.map(ConfigLoader::readFile).orElse(Map.of());
      return new ConfigResult.Loaded(build(new Settings(cli, fromEnv, fromFile)));
    } catch (Refusal r) {
      return new ConfigResult.Refused(r.error());
    }
  }

  private static Map<String, Setting> readFile(Path path) {
    try {
      return YamlSource.read(path);
    } catch (InvalidValue e) {
      throw new Refusal(Flags.CONFIG.name(), e.getMessage());
    }
  }

  private static Config build(Settings settings) {
    List<ChainEndpoint> chains = chains(settings);
    var chainIds = new LinkedHashSet<Long>();
    chains.forEach(c -> chainIds.add(c.chainId()));
    return new Config(chains, startBlocks(settings, chainIds), dependencies(settings, chainIds),
        settings.single(Flags.HTTP_HOST), settings.single(Flags.HTTP_PORT), settings.single(Flags.DATA_DIR),
        settings.single(Flags.NODE_NAME), settings.single(Flags.LOG_FORMAT), settings.single(Flags.RETENTION),
        settings.single(Flags.SWEEP_INTERVAL), settings.single(Flags.READY_LAG_BLOCKS),
        cluster(settings), HttpTlsSettings.read(settings));
  }

  private static ClusterConfig cluster(Settings settings) {
    Optional<TlsOptions> tls = Optional.empty();
    Optional<Path> keystore = settings.optional(Flags.TLS_KEYSTORE);
    if (keystore.isPresent()) {
      tls = Optional.of(new TlsOptions(keystore.get(), settings.single(Flags.TLS_KEYSTORE_PASSWORD),
          settings.single(Flags.TLS_TRUSTSTORE), settings.single(Flags.TLS_TRUSTSTORE_PASSWORD)));
    }
    String stack = settings.single(Flags.CLUSTER_STACK);
    if (stack.equals("tcp-tls") && tls.isEmpty()) {
      throw new Refusal(Flags.TLS_KEYSTORE.name(), "required by --cluster-stack tcp-tls");
    }
    Optional<Integer> bindPort = settings.optional(Flags.BIND_PORT);
    String name = settings.single(Flags.CLUSTER_NAME);
    return new ClusterConfig(name, stack,
        settings.optional(Flags.CLUSTER_MEMBERS).orElse(List.of()), settings.optional(Flags.BIND_ADDRESS),
        bindPort.map(OptionalInt::of).orElse(OptionalInt.empty()), settings.single(Flags.INITIAL_CLUSTER_SIZE),
        settings.single(Flags.SCAN_REDUNDANCY), tls, SiteFlags.read(settings, name, tls));
  }

  /** Every endpoint, in the order given; several for one chain id are that chain's endpoints, first preferred. */
  private static List<ChainEndpoint> chains(Settings settings) {
    List<ChainEndpoint> chains = settings.all(Flags.RPC);
    if (chains.isEmpty()) {
      throw new Refusal(Flags.RPC.name(), "required: give at least one <chainId>=<url>");
    }
    var seen = new HashSet<ChainEndpoint>();
    for (ChainEndpoint chain : chains) {
      if (!seen.add(chain)) {
        throw new Refusal(Flags.RPC.name(), "chain " + chain.chainId() + " has the same endpoint twice: "
            + chain.display() + settings.origin(Flags.RPC));
      }
    }
    return chains;
  }

  private static Map<Long, StartBlock> startBlocks(Settings settings, LinkedHashSet<Long> chainIds) {
    var starts = new HashMap<Long, StartBlock>();
    String origin = settings.origin(Flags.START_BLOCK);
    for (Map.Entry<Long, StartBlock> start : settings.all(Flags.START_BLOCK)) {
      if (!chainIds.contains(start.getKey())) {
        throw new Refusal(Flags.START_BLOCK.name(), "chain " + start.getKey() + " is not configured with --rpc"
            + origin);
      }
      if (starts.put(start.getKey(), start.getValue()) != null) {
        throw new Refusal(Flags.START_BLOCK.name(), "chain " + start.getKey() + " is given more than once" + origin);
      }
    }
    chainIds.forEach(id -> starts.putIfAbsent(id, StartBlock.LATEST));
    return starts;
  }

  private static DependencySet dependencies(Settings settings, LinkedHashSet<Long> chainIds) {
    Optional<DependencySet> fromFile = settings.optional(Flags.DEPENDENCY_SET);
    if (fromFile.isEmpty()) {
      return DependencySetFile.everyToEvery(chainIds);
    }
    for (long id : chainIds) {
      if (fromFile.get().chain(BigInteger.valueOf(id)).isEmpty()) {
        throw new Refusal(Flags.DEPENDENCY_SET.name(), "chain " + id + " is configured with --rpc but missing from \""
            + settings.raw(Flags.DEPENDENCY_SET).orElseThrow() + "\"" + settings.origin(Flags.DEPENDENCY_SET));
      }
    }
    return fromFile.get();
  }
}
