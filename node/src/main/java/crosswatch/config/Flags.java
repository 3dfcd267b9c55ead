package crosswatch.config;

import static crosswatch.config.Flag.Arity.REPEATABLE;
import static crosswatch.config.Flag.Arity.SINGLE;
import static crosswatch.config.Flag.Arity.SWITCH;

import crosswatch.api.HttpTls;
import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.cluster.ClusterMember;
import crosswatch.protocol.DependencySet;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Every flag the node accepts: the single table that parsing, env, YAML and {@code --help} all read. */
public final class Flags {
  private static final Supplier<String> NONE = () -> null;

  public static final Flag<ChainEndpoint> RPC = new Flag<>("rpc", "<chainId>=<url>", REPEATABLE,
      "JSON-RPC endpoint of a chain to watch (http, https, ws or wss); its eth_chainId must match at start. "
          + "Give a chain several (ideally of different providers): calls fail over in order, and an invalid "
          + "verdict is written only when every endpoint agrees on the block",
      "none, at least one is required", NONE, Parsers::endpoint);

  public static final Flag<DependencySet> DEPENDENCY_SET = new Flag<>("dependency-set", "<file>", SINGLE,
      "JSON {\"chains\": [{\"chainId\", \"activationTimestamp\", \"blockTimeSeconds\"}], \"expiryWindowSeconds\"}"
          + " listing every --rpc chain",
      "every chain depends on every other, active from genesis, 2 s blocks, 604800 s window", NONE,
      DependencySetFile::read);

  public static final Flag<Map.Entry<Long, StartBlock>> START_BLOCK = new Flag<>("start-block",
      "<chainId>=<number|latest|latest-N>", REPEATABLE,
      "where a chain's scan begins when it has no checkpoint; the chain must be given with --rpc",
      "latest", NONE, Parsers::startBlock);

  public static final Flag<Integer> HTTP_PORT = new Flag<>("http-port", "<port>", SINGLE,
      "port of the API, /healthz and /metrics (0: any free port)", "7300", () -> "7300", Parsers::port);

  public static final Flag<String> HTTP_HOST = new Flag<>("http-host", "<address>", SINGLE,
      "address the HTTP server binds to (0.0.0.0 to listen on every interface)", "127.0.0.1",
      () -> "127.0.0.1", Parsers::host);

  public static final Flag<Long> READY_LAG_BLOCKS = new Flag<>("ready-lag-blocks", "<blocks>", SINGLE,
      "/readyz answers 503 while any chain's checkpoint trails its head by more blocks", "64", () -> "64",
      Parsers::readyLagBlocks);

  public static final Flag<Path> DATA_DIR = new Flag<>("data-dir", "<dir>", SINGLE,
      "directory for checkpoints and the local store", "./data", () -> "./data", Parsers::path);

  public static final Flag<String> NODE_NAME = new Flag<>("node-name", "<name>", SINGLE,
      "this node's name in logs, metrics and record stamps ([A-Za-z0-9._-], at most 64)", "the host name",
      Flags::hostName, Parsers::nodeName);

  public static final Flag<LogFormat> LOG_FORMAT = new Flag<>("log-format", "<kv|json>", SINGLE,
      "console log format, one line per event", "kv", () -> "kv", Parsers::logFormat);

  public static final Flag<Duration> RETENTION = new Flag<>("retention", "<duration>", SINGLE,
      "how long a final message stays queryable before it is dropped (units ms, s, m, h, d)", "24h",
      () -> "24h", Parsers::duration);

  public static final Flag<Duration> SWEEP_INTERVAL = new Flag<>("sweep-interval", "<duration>", SINGLE,
      "how often every message not yet final is looked at again, catching anything events missed", "60s",
      () -> "60s", Parsers::duration);

  public static final Flag<String> CLUSTER_NAME = new Flag<>("cluster-name", "<name>", SINGLE,
      "name of the replica cluster; replicas join only peers with the same name", "crosswatch",
      () -> "crosswatch", Parsers::nodeName);

  public static final Flag<String> CLUSTER_STACK = new Flag<>("cluster-stack", "<tcp|tcp-tls|kubernetes|file>", SINGLE,
      "JGroups stack: tcp (static --cluster-members), tcp-tls (the same over TLS with client certificates), "
          + "kubernetes (DNS_PING) or the path of a JGroups XML file", "tcp", () -> "tcp", Parsers::clusterStack);

  public static final Flag<List<ClusterMember>> CLUSTER_MEMBERS = new Flag<>("cluster-members",
      "<host[port],...>", SINGLE, "every replica of a static cluster, this one included (tcp and tcp-tls stacks)",
      "none: a one-member cluster", NONE, Parsers::clusterMembers);

  public static final Flag<String> BIND_ADDRESS = new Flag<>("bind-address", "<address>", SINGLE,
      "address the cluster transport binds to and advertises", "the stack's (tcp: 127.0.0.1)", NONE, Parsers::host);

  public static final Flag<Integer> BIND_PORT = new Flag<>("bind-port", "<port>", SINGLE,
      "TCP port of the cluster transport; failure detection listens on this port + 50000", "7800", NONE,
      Parsers::port);

  public static final Flag<Integer> INITIAL_CLUSTER_SIZE = new Flag<>("initial-cluster-size", "<n>", SINGLE,
      "replicas that must be present before the node starts, so replicas started together form one cluster",
      "1", () -> "1", raw -> Parsers.bounded(raw, 1, 64));

  public static final Flag<Integer> SCAN_REDUNDANCY = new Flag<>("scan-redundancy", "<1|2>", SINGLE,
      "replicas that scan each chain: 2 keeps a hot standby (their writes merge by key)", "1", () -> "1",
      raw -> Parsers.bounded(raw, 1, 2));

  public static final Flag<String> SITE = new Flag<>("site", "<name>", SINGLE,
      "this replica's site (region): every replica of one cluster is one site; records keep each site's verdict",
      "the --cluster-name", NONE, SiteFlags::name);

  public static final Flag<List<String>> SITES = new Flag<>("sites", "<name,...>", SINGLE,
      "every site of the deployment, this one included; other sites are backed up to over the bridge",
      "only --site", NONE, SiteFlags::names);

  public static final Flag<List<ClusterMember>> SITE_BRIDGE_MEMBERS = new Flag<>("site-bridge-members",
      "<host[port],...>", SINGLE, "bridge endpoints of the relay nodes of every site, this one's included "
          + "(required with --sites on the tcp and tcp-tls bridges)", "none", NONE, Parsers::clusterMembers);

  public static final Flag<String> SITE_BRIDGE_ADDRESS = new Flag<>("site-bridge-address", "<address>", SINGLE,
      "address this replica's bridge binds to while it is a relay node", "the --bind-address", NONE,
      Parsers::host);

  public static final Flag<Integer> SITE_BRIDGE_PORT = new Flag<>("site-bridge-port", "<port>", SINGLE,
      "TCP port of this replica's bridge", "7900", () -> "7900", Parsers::port);

  public static final Flag<ClusterMember> SITE_BRIDGE_ADVERTISE = new Flag<>("site-bridge-advertise",
      "<host[port]>", SINGLE, "where the other sites reach this replica's bridge, when not at its bind address "
          + "(a load balancer, NAT or proxy)", "the bridge's bind address and port", NONE, SiteFlags::endpoint);

  public static final Flag<String> SITE_BRIDGE_STACK = new Flag<>("site-bridge-stack",
      "<tcp|tcp-tls|kubernetes|file>", SINGLE, "JGroups stack of the bridge: tcp, tcp-tls (the --tls-* key material, "
          + "client certificates required), kubernetes (tcp-tls with DNS_PING on every site's bridge Service, "
          + "-Djgroups.bridge.dns.query) or the path of a JGroups XML file", "tcp", () -> "tcp",
      SiteFlags::bridgeStack);

  public static final Flag<Integer> SITE_RELAY_NODES = new Flag<>("site-relay-nodes", "<n>", SINGLE,
      "members of each site that join the bridge (RELAY2 site masters)", "1", () -> "1",
      raw -> Parsers.bounded(raw, 1, 64));

  public static final Flag<Path> TLS_KEYSTORE = new Flag<>("tls-keystore", "<file.p12>", SINGLE,
      "this replica's key and certificate for the tcp-tls stack (PKCS#12)", "none", NONE, Parsers::path);

  public static final Flag<String> TLS_KEYSTORE_PASSWORD = new Flag<>("tls-keystore-password", "<password>", SINGLE,
      "password of --tls-keystore; prefer the env variable, which ps does not show", "none", NONE, raw -> raw);

  public static final Flag<Path> TLS_TRUSTSTORE = new Flag<>("tls-truststore", "<file.p12>", SINGLE,
      "the CA certificates trusted for peers of the tcp-tls stack (PKCS#12)", "none", NONE, Parsers::path);

  public static final Flag<String> TLS_TRUSTSTORE_PASSWORD = new Flag<>("tls-truststore-password", "<password>",
      SINGLE, "password of --tls-truststore; prefer the env variable", "none", NONE, raw -> raw);

  public static final Flag<Path> HTTP_TLS_KEYSTORE = new Flag<>("http-tls-keystore", "<file.p12>", SINGLE,
      "this node's key and certificate (PKCS#12): serves the API, /metrics and the probes over HTTPS on --http-port",
      "none: plain HTTP", NONE, Parsers::path);

  public static final Flag<String> HTTP_TLS_KEYSTORE_PASSWORD = new Flag<>("http-tls-keystore-password",
      "<password>", SINGLE, "password of --http-tls-keystore; env variable or config file only, never on the "
          + "command line (ps shows it)", "none", NONE, raw -> raw);

  public static final Flag<HttpTls.ClientAuth> HTTP_TLS_CLIENT_AUTH = new Flag<>("http-tls-client-auth",
      "<required|optional|none>", SINGLE, "client certificates signed by --http-tls-truststore: required on every "
          + "connection; optional: asked for, and without one only /healthz and /readyz answer (Kubernetes probes); "
          + "none", "none", () -> "none", HttpTlsSettings::clientAuth);

  public static final Flag<Path> HTTP_TLS_TRUSTSTORE = new Flag<>("http-tls-truststore", "<file.p12>", SINGLE,
      "the CA certificates that sign accepted client certificates (PKCS#12)", "none", NONE, Parsers::path);

  public static final Flag<String> HTTP_TLS_TRUSTSTORE_PASSWORD = new Flag<>("http-tls-truststore-password",
      "<password>", SINGLE, "password of --http-tls-truststore; env variable or config file only", "none", NONE,
      raw -> raw);

  public static final Flag<Path> CONFIG = new Flag<>("config", "<file>", SINGLE,
      "YAML file whose keys are flag names (lists for repeatable flags); flags and env override it", "none",
      NONE, Parsers::path);

  public static final Flag<Boolean> HELP = new Flag<>("help", "", SWITCH,
      "print this help and exit", "", NONE, raw -> true);

  public static final List<Flag<?>> ALL = List.of(RPC, DEPENDENCY_SET, START_BLOCK, HTTP_PORT, HTTP_HOST,
      DATA_DIR, NODE_NAME, LOG_FORMAT, RETENTION, SWEEP_INTERVAL, READY_LAG_BLOCKS, CLUSTER_NAME, CLUSTER_STACK,
      CLUSTER_MEMBERS, BIND_ADDRESS, BIND_PORT, INITIAL_CLUSTER_SIZE, SCAN_REDUNDANCY, SITE, SITES,
      SITE_BRIDGE_MEMBERS, SITE_BRIDGE_ADDRESS, SITE_BRIDGE_PORT, SITE_BRIDGE_ADVERTISE, SITE_BRIDGE_STACK,
      SITE_RELAY_NODES, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD, TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD,
      HTTP_TLS_KEYSTORE, HTTP_TLS_KEYSTORE_PASSWORD, HTTP_TLS_CLIENT_AUTH, HTTP_TLS_TRUSTSTORE,
      HTTP_TLS_TRUSTSTORE_PASSWORD, CONFIG, HELP);

  private Flags() {}

  public static Optional<Flag<?>> named(String name) {
    return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("crosswatch");
    }
  }
}
