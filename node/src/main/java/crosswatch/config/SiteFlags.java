package crosswatch.config;

import crosswatch.cluster.ClusterMember;
import crosswatch.cluster.JGroupsStack;
import crosswatch.cluster.SiteOptions;
import crosswatch.cluster.TlsOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The site flags: parsers of their values, and the {@link SiteOptions} they add up to. */
final class SiteFlags {
  private SiteFlags() {}

  static String name(String raw) {
    if (!SiteOptions.NAME.matcher(raw).matches()) {
      throw new InvalidValue("expected a site name of [A-Za-z0-9._-], at most 64, got \"" + raw + "\"");
    }
    return raw;
  }

  static List<String> names(String raw) {
    var names = new ArrayList<String>();
    for (String part : raw.split(",", -1)) {
      String name = name(part.strip());
      if (names.contains(name)) {
        throw new InvalidValue("site " + name + " is listed twice");
      }
      names.add(name);
    }
    return names;
  }

  static ClusterMember endpoint(String raw) {
    try {
      return ClusterMember.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new InvalidValue("expected host[port], got \"" + raw + "\"");
    }
  }

  static String bridgeStack(String raw) {
    if (JGroupsStack.BUNDLED_BRIDGES.contains(raw)) {
      return raw;
    }
    if (raw.endsWith(".xml") && Files.isRegularFile(Parsers.path(raw))) {
      return raw;
    }
    throw new InvalidValue("expected tcp, tcp-tls, kubernetes or an existing JGroups .xml file, got \"" + raw
        + "\"");
  }

  /** This replica's site; a deployment without {@code --sites} is one site, named after the cluster. */
  static SiteOptions read(Settings settings, String clusterName, Optional<TlsOptions> tls) {
    String site = settings.optional(Flags.SITE).orElse(clusterName);
    List<String> sites = settings.optional(Flags.SITES).orElse(List.of(site));
    if (!sites.contains(site)) {
      throw new Refusal(Flags.SITES.name(), "must list this replica's site " + site + ", got " + sites);
    }
    String bridgeStack = settings.single(Flags.SITE_BRIDGE_STACK);
    List<ClusterMember> bridge = settings.optional(Flags.SITE_BRIDGE_MEMBERS).orElse(List.of());
    if (sites.size() > 1 && bridge.isEmpty() && JGroupsStack.STATIC_BRIDGES.contains(bridgeStack)) {
      throw new Refusal(Flags.SITE_BRIDGE_MEMBERS.name(), "required by --sites " + String.join(",", sites));
    }
    if (JGroupsStack.TLS_BRIDGES.contains(bridgeStack) && tls.isEmpty()) {
      throw new Refusal(Flags.TLS_KEYSTORE.name(), "required by --site-bridge-stack " + bridgeStack);
    }
    return new SiteOptions(site, sites, bridge, settings.optional(Flags.SITE_BRIDGE_ADDRESS),
        settings.single(Flags.SITE_BRIDGE_PORT), settings.optional(Flags.SITE_BRIDGE_ADVERTISE), bridgeStack,
        settings.single(Flags.SITE_RELAY_NODES));
  }
}
