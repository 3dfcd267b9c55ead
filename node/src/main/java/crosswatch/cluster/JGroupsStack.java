package crosswatch.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JGroups stack as XML text with this node's values filled in. JGroups itself resolves {@code ${name:default}}
 * from JVM-wide system properties, which two members in one JVM (tests, benchmarks) cannot set differently; so
 * the node's own values are substituted here first, and whatever is left (TLS passwords from the environment,
 * {@code jgroups.dns.query}) JGroups resolves as usual.
 */
public final class JGroupsStack {
  /** Stacks shipped in {@code cluster-config/jgroups}, by the name {@code --cluster-stack} takes. */
  public static final Set<String> BUNDLED = Set.of("tcp", "tcp-tls", "kubernetes");
  /**
   * Bridge stacks shipped in {@code cluster-config/jgroups} as {@code bridge-<name>.xml}, by the name
   * {@code --site-bridge-stack} takes.
   */
  public static final Set<String> BUNDLED_BRIDGES = Set.of("tcp", "tcp-tls", "kubernetes");
  /** Bridge stacks that find the other sites' relay nodes in a static list ({@code --site-bridge-members}). */
  public static final Set<String> STATIC_BRIDGES = Set.of("tcp", "tcp-tls");
  /** Bridge stacks that run TLS and need the key material. */
  public static final Set<String> TLS_BRIDGES = Set.of("tcp-tls", "kubernetes");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  private JGroupsStack() {}

  /** The stack's XML: a bundled stack by name, else a file path. */
  public static String xml(ClusterOptions options) {
    String template = BUNDLED.contains(options.stack()) ? bundled(options.stack()) : file(Path.of(options.stack()));
    return substitute(template, values(options));
  }

  /** The bridge stack's XML, between the relay nodes of every site: a bundled bridge by name, else a file path. */
  public static String bridgeXml(ClusterOptions options) {
    SiteOptions site = options.site();
    String template = BUNDLED_BRIDGES.contains(site.bridgeStack())
        ? bundled("bridge-" + site.bridgeStack()) : file(Path.of(site.bridgeStack()));
    var values = new LinkedHashMap<String, String>();
    site.bridgeAddress().or(options::bindAddress).ifPresent(a -> values.put("jgroups.bind.address", a));
    values.put("jgroups.bind.port", Integer.toString(site.bridgePort()));
    if (!site.bridgeMembers().isEmpty()) {
      values.put("jgroups.tcpping.initial_hosts",
          site.bridgeMembers().stream().map(ClusterMember::toString).collect(Collectors.joining(",")));
    }
    values.putAll(tlsValues(options));
    return substitute(template, values);
  }

  static Map<String, String> values(ClusterOptions options) {
    var values = new LinkedHashMap<String, String>();
    options.bindAddress().ifPresent(a -> values.put("jgroups.bind.address", a));
    options.bindPort().ifPresent(p -> values.put("jgroups.bind.port", Integer.toString(p)));
    if (!options.members().isEmpty()) {
      values.put("jgroups.tcpping.initial_hosts",
          options.members().stream().map(ClusterMember::toString).collect(Collectors.joining(",")));
    } else if (options.bindAddress().isPresent() && options.bindPort().isPresent()) {
      values.put("jgroups.tcpping.initial_hosts",
          new ClusterMember(options.bindAddress().get(), options.bindPort().getAsInt()).toString());
    }
    if (options.expectsNoPeers()) {
      // Nobody can answer discovery, so waiting the usual 2 s for a coordinator only delays startup.
      values.put("jgroups.join_timeout", "100ms");
    }
    values.putAll(tlsValues(options));
    return values;
  }

  private static Map<String, String> tlsValues(ClusterOptions options) {
    var values = new LinkedHashMap<String, String>();
    options.tls().ifPresent(tls -> {
      values.put("crosswatch.tls.keystore.path", tls.keystore().toString());
      values.put("crosswatch.tls.keystore.password", tls.keystorePassword());
      values.put("crosswatch.tls.truststore.path", tls.truststore().toString());
      values.put("crosswatch.tls.truststore.password", tls.truststorePassword());
    });
    return values;
  }

  /**
   * Replaces each {@code ${a,b:default}} whose names include one in {@code values} (the first such name wins);
   * leaves the others for JGroups.
   */
  static String substitute(String xml, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(xml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement = m.group();
      for (String name : m.group(1).split(",")) {
        String value = values.get(name.strip());
        if (value != null) {
          replacement = escapeXmlAttribute(value);
          break;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String escapeXmlAttribute(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  /** The text of a bundled stack, before any value is filled in. */
  static String bundled(String name) {
    String resource = "crosswatch/cluster/jgroups/" + name + ".xml";
    try (InputStream in = JGroupsStack.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("JGroups stack missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JGroups stack " + resource, e);
    }
  }

  private static String file(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JGroups stack file " + path, e);
    }
  }
}
