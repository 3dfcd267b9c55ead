package crosswatch.store;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one executing message: its immutable facts, and the verdict of every site that looked at
 * it (each site watches every chain through its own endpoints). Immutable: changes are withers that return a new
 * record, and two versions of one record are reconciled by {@link Merge}.
 *
 * <p>A record is seen from one site ({@link #site}): {@link #status}, {@link #stamp}, {@link #history} and the other
 * verdict accessors are that site's verdict, which is what that site's scanner and judge read and change; a site
 * that has no verdict yet sees {@link SiteVerdict#unseen}. Stores hand out records seen from their own site. What a
 * reader outside any site wants (the API, the gauges) is {@link #agreed} and {@link #agreement}. Equality ignores
 * the site a record is seen from: two records are equal when they hold the same facts and the same verdicts.
 *
 * @param msgHash null only for a malformed log without a second topic
 * @param identifier null only for a malformed log whose data could not be read as an identifier at all
 * @param verdicts every site's verdict, sorted by site, at least one
 * @param accessList whether the executing transaction's access list declares this message
 * @param site the site this record is seen from
 */
public record MessageRecord(
    MessageKey key,
    long executingBlockNumber,
    Hash32 executingTxHash,
    long executingTimestamp,
    Hash32 msgHash,
    Identifier identifier,
    List<SiteVerdict> verdicts,
    Instant firstSeenAt,
    Instant lastCheckedAt,
    AccessListCheck accessList,
    String site) {

  /** The order in which the agreed verdict is chosen among sites that reached one: see {@link #agreed}. */
  private static final Comparator<SiteVerdict> SEVERITY =
      Comparator.comparing((SiteVerdict v) -> v.status() == Status.INVALID).thenComparing(SiteVerdict::decided)
          .thenComparing(SiteVerdict.CURRENT).thenComparing(SiteVerdict::site);

  public MessageRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(executingTxHash, "executingTxHash");
    Objects.requireNonNull(firstSeenAt, "firstSeenAt");
    Objects.requireNonNull(lastCheckedAt, "lastCheckedAt");
    Objects.requireNonNull(accessList, "accessList");
    Objects.requireNonNull(site, "site");
    verdicts = sortedBySite(verdicts);
  }

  /**
   * A record of one site's verdict, the unnamed one (a deployment of one site, or this site's own before a store
   * names it): the shape every record had before sites existed.
   */
  public MessageRecord(MessageKey key, long executingBlockNumber, Hash32 executingTxHash, long executingTimestamp,
                       Hash32 msgHash, Identifier identifier, Status status, Reason reason,
                       List<HistoryEntry> history, Instant firstSeenAt, Instant lastCheckedAt, Stamp stamp,
                       Safety executingSafety, Safety initiatingSafety, boolean isFinal, int flips,
                       AccessListCheck accessList) {
    this(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        List.of(new SiteVerdict("", status, reason, history, stamp, executingSafety, initiatingSafety, isFinal,
            flips)),
        firstSeenAt, lastCheckedAt, accessList, "");
  }

  /**
   * A record not yet followed through its lifecycle (unsafe blocks, not final, no flips, access list unchecked),
   * from the hashes' text forms; throws {@link IllegalArgumentException} naming a hash that is not one.
   */
  public MessageRecord(MessageKey key, long executingBlockNumber, String executingTxHash, long executingTimestamp,
                       String msgHash, Identifier identifier, Status status, Reason reason, List<HistoryEntry> history,
                       Instant firstSeenAt, Instant lastCheckedAt, Stamp stamp) {
    this(key, executingBlockNumber, Hash32.parse(executingTxHash, "executing tx hash"), executingTimestamp,
        Hash32.parseNullable(msgHash, "message hash"), identifier, status, reason, history, firstSeenAt,
        lastCheckedAt, stamp, Safety.UNSAFE, Safety.UNSAFE, false, 0, AccessListCheck.UNCHECKED);
  }

  private static List<SiteVerdict> sortedBySite(List<SiteVerdict> verdicts) {
    if (verdicts.isEmpty()) {
      throw new IllegalArgumentException("a record holds at least one site's verdict");
    }
    boolean sorted = true;
    for (int i = 1; i < verdicts.size(); i++) {
      int order = verdicts.get(i - 1).site().compareTo(verdicts.get(i).site());
      if (order == 0) {
        throw new IllegalArgumentException("two verdicts of site " + verdicts.get(i).site());
      }
      sorted &= order < 0;
    }
    if (sorted) {
      return List.copyOf(verdicts);
    }
    return verdicts.stream().sorted(Comparator.comparing(SiteVerdict::site)).toList();
  }

  /** The verdict of the site this record is seen from; {@link SiteVerdict#unseen} when it has none. */
  public SiteVerdict own() {
    for (SiteVerdict v : verdicts) {
      if (v.site().equals(site)) {
        return v;
      }
    }
    return SiteVerdict.unseen(site);
  }

  public Status status() {
    return own().status();
  }

  /** Set only when {@link #status} is {@link Status#INVALID}. */
  public Reason reason() {
    return own().reason();
  }

  /** This site's changes of status, oldest first. */
  public List<HistoryEntry> history() {
    return own().history();
  }

  /** Who at this site wrote its current status, and when on the hybrid logical clock. */
  public Stamp stamp() {
    return own().stamp();
  }

  public Safety executingSafety() {
    return own().executingSafety();
  }

  public Safety initiatingSafety() {
    return own().initiatingSafety();
  }

  /** Both blocks were finalized before this site's current verdict was reached: the verdict is frozen. */
  public boolean isFinal() {
    return own().isFinal();
  }

  public int flips() {
    return own().flips();
  }

  /** The verdict of {@code name}, if that site has one. */
  public Optional<SiteVerdict> verdictOf(String name) {
    return verdicts.stream().filter(v -> v.site().equals(name)).findFirst();
  }

  /**
   * The verdict shown as the record's status: the invalid one when any site judged the message invalid (an invalid
   * verdict is never hidden, whatever the other sites say), else the latest verdict any site reached, else (every
   * site still pending) the latest pending one. "Latest" is the merge's order: a final verdict, then the greater
   * stamp. With one site it is that site's verdict.
   */
  public SiteVerdict agreed() {
    if (verdicts.size() == 1) {
      return verdicts.getFirst();
    }
    return verdicts.stream().max(SEVERITY).orElseThrow();
  }

  /** Whether the sites that reached a verdict (other than pending) reached the same one: see {@link Agreement}. */
  public Agreement agreement() {
    SiteVerdict first = null;
    for (SiteVerdict v : verdicts) {
      if (!v.decided()) {
        continue;
      }
      if (first == null) {
        first = v;
      } else if (v.status() != first.status() || v.reason() != first.reason()) {
        return Agreement.DISAGREE;
      }
    }
    return first != null && verdicts.stream().filter(SiteVerdict::decided).count() > 1
        ? Agreement.AGREE : Agreement.SINGLE_SITE;
  }

  /** Whether any site froze its verdict: the record then expires after the retention period. */
  public boolean finalAnywhere() {
    for (SiteVerdict v : verdicts) {
      if (v.isFinal()) {
        return true;
      }
    }
    return false;
  }

  /**
   * This record as {@code name} sees it. A verdict of the unnamed site (a record written before sites existed, or
   * a new one this site's scanner made) becomes this site's, joined with what this site already held.
   */
  public MessageRecord seenFrom(String name) {
    if (!name.isEmpty() && verdicts.getFirst().site().isEmpty()) {
      List<SiteVerdict> named = List.of(verdicts.getFirst().named(name));
      return withVerdicts(SiteVerdict.joinAll(verdicts.subList(1, verdicts.size()), named), name);
    }
    return name.equals(site) ? this : withVerdicts(verdicts, name);
  }

  /** This record holding {@code sameKey}, an equal key, as its key: lets a store keep one key object per record. */
  MessageRecord withKeyInstance(MessageKey sameKey) {
    if (sameKey == key || !sameKey.equals(key)) {
      return this;
    }
    return new MessageRecord(sameKey, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        verdicts, firstSeenAt, lastCheckedAt, accessList, site);
  }

  /**
   * This record judged again at {@code at} by the site it is seen from: the status (and reason) become the given
   * ones, a history entry is added when they changed, a change between valid and invalid counts as a flip, and
   * {@code lastCheckedAt} moves forward. A final verdict stays: only {@code lastCheckedAt} moves.
   */
  public MessageRecord withStatus(Status newStatus, Reason newReason, Instant at, Stamp newStamp) {
    SiteVerdict own = own();
    boolean changed = !own.isFinal() && (newStatus != own.status() || !Objects.equals(newReason, own.reason()));
    SiteVerdict judged = own;
    if (changed) {
      var history = new ArrayList<>(own.history());
      history.add(new HistoryEntry(newStatus, newReason, at));
      judged = new SiteVerdict(site, newStatus, newReason, history, newStamp, own.executingSafety(),
          own.initiatingSafety(), false, own.flips() + flipsTo(own.history(), newStatus));
    }
    Instant checked = at.isAfter(lastCheckedAt) ? at : lastCheckedAt;
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        replaced(judged), firstSeenAt, checked, accessList, site);
  }

  /**
   * This record with both blocks at least as settled as given in the verdict of the site it is seen from (safety
   * never moves back), frozen as final when {@code makeFinal}. The stamp is only taken when finality changes.
   */
  public MessageRecord withLifecycle(Safety executing, Safety initiating, boolean makeFinal, Stamp newStamp) {
    SiteVerdict own = own();
    Safety e = Safety.max(own.executingSafety(), executing);
    Safety i = Safety.max(own.initiatingSafety(), initiating);
    boolean f = own.isFinal() || makeFinal;
    if (e == own.executingSafety() && i == own.initiatingSafety() && f == own.isFinal()) {
      return this;
    }
    // Finality takes a new stamp: the frozen verdict must win over any verdict written concurrently.
    var settled = new SiteVerdict(site, own.status(), own.reason(), own.history(),
        f != own.isFinal() ? newStamp : own.stamp(), e, i, f, own.flips());
    return withVerdicts(replaced(settled), site);
  }

  /** This record with the result of its access-list check; the check runs once, so a result is never replaced. */
  public MessageRecord withAccessList(AccessListCheck result) {
    if (accessList != AccessListCheck.UNCHECKED || result == AccessListCheck.UNCHECKED) {
      return this;
    }
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        verdicts, firstSeenAt, lastCheckedAt, result, site);
  }

  /** A valid message whose transaction does not declare it: impossible on a real chain, so worth reporting. */
  public boolean hasAccessListProblem() {
    return agreed().status() == Status.VALID
        && (accessList == AccessListCheck.MISSING || accessList == AccessListCheck.MISMATCH);
  }

  /** The initiating chain id when the identifier names one that fits a configured chain id; else -1. */
  public long initiatingChainId() {
    if (identifier == null || identifier.chainId().bitLength() > 63) {
      return -1;
    }
    return identifier.chainId().longValueExact();
  }

  private MessageRecord withVerdicts(List<SiteVerdict> newVerdicts, String seenFrom) {
    return new MessageRecord(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier,
        newVerdicts, firstSeenAt, lastCheckedAt, accessList, seenFrom);
  }

  /** The verdicts with this site's replaced by {@code own}. */
  private List<SiteVerdict> replaced(SiteVerdict own) {
    if (verdicts.size() == 1 && verdicts.getFirst().site().equals(site)) {
      return verdicts.getFirst() == own ? verdicts : List.of(own);
    }
    var replaced = new ArrayList<SiteVerdict>(verdicts.size() + 1);
    verdicts.stream().filter(v -> !v.site().equals(site)).forEach(replaced::add);
    if (!own.equals(SiteVerdict.unseen(site))) {
      replaced.add(own);
    }
    return replaced;
  }

  /** 1 when {@code newStatus} is valid or invalid and the latest such status in the history was the other one. */
  private static int flipsTo(List<HistoryEntry> history, Status newStatus) {
    if (newStatus != Status.VALID && newStatus != Status.INVALID) {
      return 0;
    }
    for (int i = history.size() - 1; i >= 0; i--) {
      Status earlier = history.get(i).status();
      if (earlier == Status.VALID || earlier == Status.INVALID) {
        return earlier != newStatus ? 1 : 0;
      }
    }
    return 0;
  }

  /** Equal when the facts, the shared fields and every site's verdict are; the site it is seen from does not count. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MessageRecord r
        && executingBlockNumber == r.executingBlockNumber && executingTimestamp == r.executingTimestamp
        && key.equals(r.key) && executingTxHash.equals(r.executingTxHash) && Objects.equals(msgHash, r.msgHash)
        && Objects.equals(identifier, r.identifier) && verdicts.equals(r.verdicts)
        && firstSeenAt.equals(r.firstSeenAt) && lastCheckedAt.equals(r.lastCheckedAt) && accessList == r.accessList;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, executingBlockNumber, executingTxHash, executingTimestamp, msgHash, identifier, verdicts,
        firstSeenAt, lastCheckedAt, accessList);
  }
}
