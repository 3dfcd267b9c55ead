package crosswatch.cluster.partition;

import crosswatch.cluster.ClusterStores;
import java.util.Collection;
import java.util.List;
import org.infinispan.Cache;
import org.infinispan.conflict.ConflictManagerFactory;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.View;
import org.jgroups.ViewId;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.stack.ProtocolStack;
import org.jgroups.util.MutableDigest;

/**
 * Cuts members of one JVM apart and joins them again at the JGroups level: a {@code DISCARD} protocol just above
 * the transport drops traffic from the other side, and (for the deterministic variant) explicit views and a merge
 * view take the place of failure detection and MERGE3.
 */
final class Partitions {
  private static final List<String> CACHES = List.of(ClusterStores.MESSAGES, ClusterStores.CHECKPOINTS,
      ClusterStores.HEADS);

  private Partitions() {}

  /** Each side stops hearing every member of the other sides; no view changes until something detects it. */
  static void cut(List<List<ClusterStores>> sides) {
    for (List<ClusterStores> side : sides) {
      Address[] others = sides.stream().filter(s -> s != side).flatMap(List::stream).map(Partitions::address)
          .toArray(Address[]::new);
      side.forEach(member -> discard(member).addIgnoredMembers(others));
    }
  }

  /** Lets every member hear every other again. */
  static void reconnect(Collection<ClusterStores> members) {
    members.forEach(member -> discard(member).resetIgnoredMembers());
  }

  /** Installs on each side a view of only that side's members, as failure detection would after a split. */
  static void installSplitViews(List<List<ClusterStores>> sides) {
    long id = nextViewId(sides.stream().flatMap(List::stream).toList());
    for (List<ClusterStores> side : sides) {
      List<Address> members = side.stream().map(Partitions::address).toList();
      View view = View.create(members.getFirst(), id, members);
      side.forEach(member -> gms(member).installView(view));
    }
  }

  /**
   * Installs one merge view of all sides on every member, with the merged digest of everything each member has
   * sent, so nobody asks for retransmission of messages the other side never saw.
   */
  static void installMergeView(List<List<ClusterStores>> sides) {
    List<ClusterStores> all = sides.stream().flatMap(List::stream).toList();
    List<Address> addresses = all.stream().map(Partitions::address).toList();
    List<View> subgroups = sides.stream().map(side -> channel(side.getFirst()).getView()).toList();
    var view = new MergeView(new ViewId(addresses.getFirst(), nextViewId(all)), addresses, subgroups);
    var digest = new MutableDigest(addresses.toArray(Address[]::new));
    all.forEach(member -> digest.merge(nakack(member).getDigest()));
    all.forEach(member -> gms(member).installView(view, digest));
  }

  /**
   * True when {@code member} sees exactly {@code size} members and every cache has taken them in: topology
   * updated, no state transfer and no conflict resolution running.
   */
  static boolean settled(ClusterStores member, int size) {
    if (member.cacheManager().getMembers().size() != size) {
      return false;
    }
    for (String name : CACHES) {
      Cache<?, ?> cache = member.cacheManager().getCache(name);
      var conflicts = ConflictManagerFactory.get(cache.getAdvancedCache());
      var topology = cache.getAdvancedCache().getDistributionManager().getCacheTopology();
      if (topology.getMembers().size() != size || conflicts.isStateTransferInProgress()
          || conflicts.isConflictResolutionInProgress()) {
        return false;
      }
    }
    return true;
  }

  static JChannel channel(ClusterStores member) {
    var transport = (JGroupsTransport) GlobalComponentRegistry.componentOf(member.cacheManager(), Transport.class);
    return transport.getChannel();
  }

  private static Address address(ClusterStores member) {
    return channel(member).getAddress();
  }

  /** The member's DISCARD protocol, inserted above the transport on first use. */
  private static DISCARD discard(ClusterStores member) {
    ProtocolStack stack = channel(member).getProtocolStack();
    DISCARD discard = stack.findProtocol(DISCARD.class);
    if (discard == null) {
      discard = new DISCARD().setAddress(channel(member).getAddress());
      try {
        stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TP.class);
      } catch (Exception e) {
        throw new IllegalStateException("cannot insert DISCARD", e);
      }
    }
    return discard;
  }

  private static GMS gms(ClusterStores member) {
    return channel(member).getProtocolStack().findProtocol(GMS.class);
  }

  private static NAKACK2 nakack(ClusterStores member) {
    return channel(member).getProtocolStack().findProtocol(NAKACK2.class);
  }

  private static long nextViewId(List<ClusterStores> members) {
    return members.stream().mapToLong(m -> channel(m).getView().getViewId().getId()).max().orElse(0) + 1;
  }
}
