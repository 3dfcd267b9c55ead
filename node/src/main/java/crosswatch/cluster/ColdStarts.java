package crosswatch.cluster;

import crosswatch.store.CheckpointStore;
import crosswatch.store.SafePoints;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.remoting.transport.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a chain's scanning begins when the cluster holds no checkpoint for it, which after every replica stopped
 * at once (the purged stores lost every checkpoint) is the lowest safe point any member of the view knows.
 *
 * <p>Each replica publishes what its {@link ResumePoints} files say of every configured chain once, after its
 * caches started and before its pipeline starts, in the {@value ClusterStores#RESUME_POINTS} cache (replicated, in
 * memory, keyed by node name). At the cold start of a chain its owner waits until every member of the current
 * view has published, at most {@code patience}, and takes the lowest safe point published
 * ({@code ColdStart.decide}). A member that has not published by then is logged as missing and not waited for
 * again (its points count once they arrive), so a member that never publishes delays one decision, not one per
 * chain.
 *
 * <p>While the cluster holds a checkpoint for a chain nothing here is used: a replica restarting alone (its peers
 * kept the checkpoints) or joining after a chain's cold start is not consulted and changes nothing. After a
 * partition heals both sides normally hold checkpoints. A chain with none on either side (its RPC never
 * answered) is decided from the entries this replica holds: conflict resolution brings the other side's without
 * firing listeners, so a decision taken before it finishes may wait out the patience, then takes what has
 * arrived by then.
 */
public final class ColdStarts {
  private static final Logger log = LoggerFactory.getLogger(ColdStarts.class);

  private final EmbeddedCacheManager manager;
  private final Cache<String, SafePoints> published;
  private final CheckpointStore shared;
  private final ResumePoints local;
  private final Duration patience;
  /** Notified on every publication and view change, so that a waiting owner looks again; guards notAwaited. */
  private final Object changes = new Object();
  private final Set<ColdStart.Member> notAwaited = new HashSet<>();

  /** @param patience how long a cold start waits for the members of the view that have not published yet */
  public ColdStarts(ClusterStores cluster, ResumePoints local, Duration patience) {
    this.manager = cluster.cacheManager();
    this.published = manager.getCache(ClusterStores.RESUME_POINTS);
    this.shared = cluster.checkpoints();
    this.local = local;
    this.patience = patience;
    published.addListener(new Publications());
    manager.addListener(new Views());
  }

  /** Publishes this replica's safe points of {@code chainIds}; once, before any chain is started here. */
  public void publish(Collection<Long> chainIds) {
    Address self = manager.getAddress();
    var points = new SafePoints(self.toString(), incarnation(self), local.safePoints(chainIds));
    published.put(points.node(), points);
    log.info("resume points published node={} points={}", points.node(), points.points().isEmpty() ? "none"
        : points.points().stream().map(p -> p.chainId() + ":" + p.fromBlock()).collect(Collectors.joining(",")));
  }

  /**
   * The block where scanning {@code chainId} begins: empty while the cluster holds a checkpoint for it (scanning
   * resumes from that) or when no member knows anything of it (its configured start block applies).
   */
  public OptionalLong coldStart(long chainId) {
    if (shared.get(chainId).isPresent()) {
      return OptionalLong.empty();
    }
    long began = System.nanoTime();
    ColdStart decision = awaitPublished(chainId);
    String from = decision.fromBlock().isPresent() ? Long.toString(decision.fromBlock().getAsLong()) : "configured";
    if (decision.complete()) {
      log.info("cold start chainId={} fromBlock={} knownBy={}", chainId, from, decision.knownByText());
    } else {
      log.warn("cold start chainId={} fromBlock={} knownBy={} missing={} waitedMs={}", chainId, from,
          decision.knownByText(), decision.missingText(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }
    return decision.fromBlock();
  }

  /**
   * Decides once every member of the view has published, or once the patience ran out with what is published
   * then; members given up on earlier are not waited for.
   */
  private ColdStart awaitPublished(long chainId) {
    long deadline = System.nanoTime() + patience.toNanos();
    synchronized (changes) {
      while (true) {
        ColdStart decision = decide(chainId);
        List<ColdStart.Member> awaited = decision.missing().stream().filter(m -> !notAwaited.contains(m)).toList();
        long left = deadline - System.nanoTime();
        if (awaited.isEmpty()) {
          return decision;
        }
        if (left <= 0) {
          notAwaited.addAll(awaited);
          return decision;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changes, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return decision;
        }
      }
    }
  }

  private ColdStart decide(long chainId) {
    List<ColdStart.Member> view = manager.getMembers().stream()
        .map(a -> new ColdStart.Member(a.toString(), incarnation(a)))
        .toList();
    Map<String, SafePoints> entries = new HashMap<>();
    for (ColdStart.Member member : view) {
      SafePoints points = published.get(member.name());
      if (points != null) {
        entries.put(member.name(), points);
      }
    }
    return ColdStart.decide(chainId, view, entries);
  }

  /** A member's address is random per process: it tells a restarted replica's process from its earlier one. */
  private static String incarnation(Address address) {
    return address.getNodeUUID().toString();
  }

  private void changed() {
    synchronized (changes) {
      changes.notifyAll();
    }
  }

  // Asynchronous: Infinispan's threads applying a write or installing a view never wait for a deciding owner. A
  // waiting owner may itself be on an asynchronous listener's thread (the view listener hands chains to the
  // pipeline); on JDK 21+ Infinispan runs each asynchronous event on its own virtual thread, so that wait does not
  // hold these notifications up.
  @Listener(sync = false, observation = Listener.Observation.POST)
  public final class Publications {
    @CacheEntryCreated
    @CacheEntryModified
    public void written(CacheEntryEvent<String, SafePoints> event) {
      changed();
    }
  }

  @Listener(sync = false)
  public final class Views {
    @ViewChanged
    @Merged
    public void viewed(ViewChangedEvent event) {
      changed();
    }
  }
}
