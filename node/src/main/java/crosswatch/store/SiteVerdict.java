package crosswatch.store;

import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One site's verdict on a message and how far that site followed it: each site watches every chain through its own
 * endpoints, so each keeps its own. A {@link MessageRecord} holds every site's side by side.
 *
 * @param site the site's name; empty for the only site of a deployment of one (and for records written before sites
 *     existed), which is never shown empty: the store and the API call it by the local site's name
 * @param reason set only when {@code status} is {@link Status#INVALID}
 * @param history this site's changes of status, oldest first: kept sorted, without duplicates, and bounded to the
 *     newest {@link Merge#MAX_HISTORY} whatever order the entries are given in
 * @param stamp who at this site wrote the current status, and when on the hybrid logical clock
 * @param executingSafety how settled the executing block is as this site sees it; only moves forward
 * @param initiatingSafety how settled the initiating block is as this site sees it; only moves forward
 * @param isFinal both blocks were finalized before this site's current verdict was reached: it is frozen
 * @param flips how many times this site's status went between valid and invalid
 */
public record SiteVerdict(String site, Status status, Reason reason, List<HistoryEntry> history, Stamp stamp,
                          Safety executingSafety, Safety initiatingSafety, boolean isFinal, int flips) {

  /** The order in which the current status of two versions of one site's verdict is chosen: the greater wins. */
  static final Comparator<SiteVerdict> CURRENT =
      Comparator.comparing(SiteVerdict::isFinal)
          .thenComparing(SiteVerdict::stamp)
          .thenComparing(v -> v.status().wireName())
          .thenComparing(v -> v.reason() == null ? "" : v.reason().wireName());

  public SiteVerdict {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(executingSafety, "executingSafety");
    Objects.requireNonNull(initiatingSafety, "initiatingSafety");
    history = normalized(history);
    if (flips < 0) {
      throw new IllegalArgumentException("flips must be >= 0: " + flips);
    }
    if ((status == Status.INVALID) != (reason != null)) {
      throw new IllegalArgumentException("a reason goes with status invalid and only with it");
    }
  }

  /**
   * What a site that has not looked at a message yet holds: pending, nothing followed. Never stored; its judge
   * treats the message as pending and writes its first real verdict.
   */
  public static SiteVerdict unseen(String site) {
    return new SiteVerdict(site, Status.PENDING, null, List.of(), Stamp.NONE, Safety.UNSAFE, Safety.UNSAFE, false,
        0);
  }

  /** Whether this site reached a verdict other than pending: what sites agree or disagree on. */
  public boolean decided() {
    return status != Status.PENDING;
  }

  /** When this site's current status was reached: its newest history entry; empty for an unseen verdict. */
  public Instant changedAt() {
    return history.isEmpty() ? null : history.getLast().at();
  }

  /** This verdict under another site's name. */
  SiteVerdict named(String newSite) {
    return new SiteVerdict(newSite, status, reason, history, stamp, executingSafety, initiatingSafety, isFinal,
        flips);
  }

  /**
   * The join of two versions of one site's verdict: the current status, reason and stamp of the greater in
   * {@link #CURRENT} (a final one beats one that is not, then the greater stamp), histories unioned, safeties and
   * flips at their maximum, final sticky. Returns an argument when it is the join.
   */
  static SiteVerdict join(SiteVerdict a, SiteVerdict b) {
    if (a.equals(b)) {
      return a;
    }
    SiteVerdict current = CURRENT.compare(a, b) >= 0 ? a : b;
    var history = new ArrayList<HistoryEntry>(a.history.size() + b.history.size());
    history.addAll(a.history);
    history.addAll(b.history);
    var joined = new SiteVerdict(a.site, current.status, current.reason, history, current.stamp,
        Safety.max(a.executingSafety, b.executingSafety), Safety.max(a.initiatingSafety, b.initiatingSafety),
        a.isFinal || b.isFinal, Math.max(a.flips, b.flips));
    if (joined.equals(a)) {
      return a;
    }
    return joined.equals(b) ? b : joined;
  }

  /**
   * The verdicts of two versions of one record, site by site: each site's joined, sorted by site. Returns one of the
   * lists when it is the join.
   */
  static List<SiteVerdict> joinAll(List<SiteVerdict> a, List<SiteVerdict> b) {
    if (a.size() == 1 && b.size() == 1 && a.getFirst().site.equals(b.getFirst().site)) {
      SiteVerdict joined = join(a.getFirst(), b.getFirst());
      return joined == a.getFirst() ? a : joined == b.getFirst() ? b : List.of(joined);
    }
    var joined = new ArrayList<SiteVerdict>(a.size() + b.size());
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int order = i == a.size() ? 1 : j == b.size() ? -1 : a.get(i).site.compareTo(b.get(j).site);
      if (order < 0) {
        joined.add(a.get(i++));
      } else if (order > 0) {
        joined.add(b.get(j++));
      } else {
        joined.add(join(a.get(i++), b.get(j++)));
      }
    }
    if (joined.equals(a)) {
      return a;
    }
    return joined.equals(b) ? b : List.copyOf(joined);
  }

  private static List<HistoryEntry> normalized(List<HistoryEntry> history) {
    boolean ascending = true;
    for (int i = 1; i < history.size() && ascending; i++) {
      ascending = history.get(i - 1).compareTo(history.get(i)) < 0;
    }
    if (ascending && history.size() <= Merge.MAX_HISTORY) {
      return List.copyOf(history);
    }
    List<HistoryEntry> sorted = new ArrayList<>(new TreeSet<>(history));
    return List.copyOf(sorted.subList(Math.max(0, sorted.size() - Merge.MAX_HISTORY), sorted.size()));
  }
}
