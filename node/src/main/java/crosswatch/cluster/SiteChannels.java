package crosswatch.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infinispan.remoting.transport.jgroups.AbstractJGroupsChannelConfigurator;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.conf.XmlConfigurator;
import org.jgroups.protocols.relay.RELAY2;
import org.jgroups.protocols.relay.config.RelayConfig;
import org.jgroups.stack.Protocol;

/**
 * Builds this replica's JGroups channel: the local stack ({@link JGroupsStack#xml}) and, when the deployment has
 * other sites, RELAY2 on top of it, whose relay nodes join the bridge stack ({@link JGroupsStack#bridgeXml}) with
 * the relay nodes of every other site. Done in code rather than in the stack's XML because RELAY2 names its bridge
 * stack by file, and the bridge's values (ports, members, key material) are this node's own.
 */
final class SiteChannels extends AbstractJGroupsChannelConfigurator {
  /** The bridge cluster every site's relay nodes join. */
  static final String BRIDGE_CLUSTER = "crosswatch-bridge";

  private final String localXml;
  private final String bridgeXml;
  private final SiteOptions site;

  private SiteChannels(String localXml, String bridgeXml, SiteOptions site) {
    this.localXml = localXml;
    this.bridgeXml = bridgeXml;
    this.site = site;
  }

  static SiteChannels of(ClusterOptions options) {
    return new SiteChannels(JGroupsStack.xml(options),
        options.site().relays() ? JGroupsStack.bridgeXml(options) : null, options.site());
  }

  @Override
  public String getName() {
    return "crosswatch";
  }

  @Override
  public String getProtocolStackString() {
    return getProtocolStack().toString();
  }

  /** Parsed anew on each call: JGroups substitutes variables into the configurations it is given. */
  @Override
  public List<ProtocolConfiguration> getProtocolStack() {
    List<ProtocolConfiguration> stack = new ArrayList<>(parse(localXml));
    boolean hasRelay = stack.stream().anyMatch(p -> p.getProtocolName().endsWith("RELAY2"));
    if (site.relays() && !hasRelay) {
      Map<String, String> relay = new LinkedHashMap<>();
      relay.put("site", site.site());
      relay.put("max_site_masters", Integer.toString(site.relayNodes()));
      relay.put("can_become_site_master", "true");
      stack.add(new ProtocolConfiguration(RELAY2.class.getName(), relay));
    }
    return stack;
  }

  @Override
  public JChannel createChannel(String name) throws Exception {
    return amendChannel(new JChannel(this));
  }

  /** Runs before the protocol's {@code init()}: RELAY2 refuses to start without its own site's configuration. */
  @Override
  public void afterCreation(Protocol protocol) {
    if (protocol instanceof RELAY2 relay && site.relays()) {
      for (String name : site.sites()) {
        var config = new RelayConfig.SiteConfig(name);
        config.addBridge(new RelayConfig.BridgeConfig(BRIDGE_CLUSTER) {
          @Override
          public JChannel createChannel() throws Exception {
            return bridge();
          }
        });
        relay.addSite(name, config);
      }
      // As Infinispan's own configurator does: addresses carry their site, which cross-site routing relies on.
      relay.enableAddressTagging(true);
    }
  }

  private JChannel bridge() throws Exception {
    var stack = XmlConfigurator.getInstance(stream(bridgeXml));
    site.bridgeAdvertise().ifPresent(at -> {
      Map<String, String> transport = stack.getProtocolStack().getFirst().getProperties();
      transport.put("external_addr", at.host());
      transport.put("external_port", Integer.toString(at.port()));
    });
    return new JChannel(stack);
  }

  private static List<ProtocolConfiguration> parse(String xml) {
    try {
      return XmlConfigurator.getInstance(stream(xml)).getProtocolStack();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("JGroups stack is not valid XML: " + e.getMessage(), e);
    }
  }

  private static ByteArrayInputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }
}
