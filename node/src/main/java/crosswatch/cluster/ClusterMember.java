package crosswatch.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** One peer for static discovery, written {@code host[port]} as JGroups' TCPPING expects. */
public record ClusterMember(String host, int port) {
  private static final Pattern FORM = Pattern.compile("([^\\[\\],\\s]+)\\[(\\d{1,5})]");

  public ClusterMember {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("member host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("member port must be in [1, 65535]: " + port);
    }
  }

  /** Parses {@code host[port]}; throws {@link IllegalArgumentException} naming what is wrong. */
  public static ClusterMember parse(String text) {
    var m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("cluster member must be host[port]: " + text);
    }
    return new ClusterMember(m.group(1), Integer.parseInt(m.group(2)));
  }

  /** Parses {@code host[port],host[port],...}; blank text is no members. */
  public static List<ClusterMember> parseList(String text) {
    if (text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(ClusterMember::parse).toList();
  }

  @Override
  public String toString() {
    return host + "[" + port + "]";
  }
}
