package crosswatch.config;

import crosswatch.chain.ChainEndpoint;
import crosswatch.chain.StartBlock;
import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.JGroupsStack;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The value parsers of the flag table. Each throws {@link InvalidValue} with a message quoting the value. */
final class Parsers {
  private static final Set<String> RPC_SCHEMES = Set.of("http", "https", "ws", "wss");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,19})(ms|s|m|h|d)");
  private static final Pattern SHORT_WORD = Pattern.compile("[^:/@?#]{0,24}");
  private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:%\\[\\]-]{1,253}");

  private Parsers() {}

  static ChainEndpoint endpoint(String raw) {
    int eq = raw.indexOf('=');
    if (eq < 0 || !SHORT_WORD.matcher(raw.substring(0, eq)).matches()) {
      throw new InvalidValue("expected <chainId>=<url>, got \"" + UrlText.display(raw) + "\"");
    }
    long chainId = chainId(raw.substring(0, eq));
    return new ChainEndpoint(chainId, rpcUrl(raw.substring(eq + 1)));
  }

  static Map.Entry<Long, StartBlock> startBlock(String raw) {
    int eq = raw.indexOf('=');
    if (eq < 0) {
      throw new InvalidValue("expected <chainId>=<number|latest|latest-N>, got \"" + raw + "\"");
    }
    long chainId = chainId(raw.substring(0, eq));
    String where = raw.substring(eq + 1);
    if (where.equals("latest")) {
      return Map.entry(chainId, StartBlock.LATEST);
    }
    long behind = where.startsWith("latest-") ? decimal(where.substring("latest-".length())) : -1;
    if (behind >= 0) {
      return Map.entry(chainId, new StartBlock.Latest(behind));
    }
    long number = decimal(where);
    if (number >= 0) {
      return Map.entry(chainId, new StartBlock.Number(number));
    }
    throw new InvalidValue("expected a block number, latest or latest-N for chain " + chainId + ", got \"" + where
        + "\"");
  }

  static int port(String raw) {
    long port = decimal(raw);
    if (port < 0 || port > 65_535) {
      throw new InvalidValue("expected a port number in 0..65535, got \"" + raw + "\"");
    }
    return (int) port;
  }

  static long readyLagBlocks(String raw) {
    long blocks = decimal(raw);
    if (blocks < 0) {
      throw new InvalidValue("expected a number of blocks (0 or more), got \"" + raw + "\"");
    }
    return blocks;
  }

  static String host(String raw) {
    if (!HOST.matcher(raw).matches()) {
      throw new InvalidValue("expected a host name or IP address, got \"" + raw + "\"");
    }
    return raw;
  }

  static Path path(String raw) {
    try {
      if (!raw.isBlank()) {
        return Path.of(raw);
      }
    } catch (InvalidPathException e) {
      // reported below, like a blank path
    }
    throw new InvalidValue("expected a path, got \"" + raw + "\"");
  }

  static String nodeName(String raw) {
    if (!NODE_NAME.matcher(raw).matches()) {
      throw new InvalidValue("expected 1 to 64 of A-Z a-z 0-9 . _ -, got \"" + raw + "\"");
    }
    return raw;
  }

  static LogFormat logFormat(String raw) {
    for (LogFormat format : LogFormat.values()) {
      if (format.wireName().equals(raw)) {
        return format;
      }
    }
    throw new InvalidValue("expected kv or json, got \"" + raw + "\"");
  }

  /** A positive duration: decimal digits and a unit, ms, s, m, h or d ({@code 500ms}, {@code 60s}, {@code 24h}). */
  static Duration duration(String raw) {
    Matcher m = DURATION.matcher(raw);
    long amount = m.matches() ? decimal(m.group(1)) : -1;
    if (amount <= 0) {
      throw new InvalidValue("expected a positive duration such as 500ms, 60s, 10m, 24h or 7d, got \"" + raw + "\"");
    }
    ChronoUnit unit = switch (m.group(2)) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      default -> ChronoUnit.DAYS;
    };
    try {
      return Duration.of(amount, unit);
    } catch (ArithmeticException e) {
      throw new InvalidValue("duration too long: \"" + raw + "\"");
    }
  }

  /** A decimal in {@code [min, max]}. */
  static int bounded(String raw, int min, int max) {
    long value = decimal(raw);
    if (value < min || value > max) {
      throw new InvalidValue("expected a number in " + min + ".." + max + ", got \"" + raw + "\"");
    }
    return (int) value;
  }

  static String clusterStack(String raw) {
    if (JGroupsStack.BUNDLED.contains(raw)) {
      return raw;
    }
    if (raw.endsWith(".xml") && Files.isRegularFile(path(raw))) {
      return raw;
    }
    throw new InvalidValue("expected tcp, tcp-tls, kubernetes or an existing JGroups .xml file, got \"" + raw + "\"");
  }

  static List<ClusterMember> clusterMembers(String raw) {
    try {
      return ClusterMember.parseList(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidValue("expected host[port],host[port],..., got \"" + raw + "\"");
    }
  }

  /** A chain id: a positive decimal that fits a signed 64-bit integer. */
  static long chainId(String raw) {
    long id = decimal(raw);
    if (id <= 0) {
      throw new InvalidValue("chain id must be a positive decimal integer below 2^63, got \"" + raw + "\"");
    }
    return id;
  }

  /** Plain decimal digits that fit a signed 64-bit integer, or -1 for anything else (signs, blanks, overflow). */
  static long decimal(String raw) {
    if (DECIMAL.matcher(raw).matches()) {
      try {
        return Long.parseLong(raw);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  private static URI rpcUrl(String raw) {
    String malformed = "malformed URL \"" + UrlText.display(raw) + "\" (expected http, https, ws or wss)";
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new InvalidValue(malformed);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!RPC_SCHEMES.contains(scheme) || uri.getHost() == null || uri.getPort() > 65_535) {
      throw new InvalidValue(malformed);
    }
    // Later code compares the scheme in lower case ("ws"/"wss"), so normalise it once here.
    return URI.create(scheme + raw.substring(uri.getScheme().length()));
  }
}
