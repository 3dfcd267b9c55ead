package crosswatch.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import crosswatch.devnet.EmittedMessage;
import crosswatch.devnet.proxy.Fault;
import crosswatch.devnet.proxy.RequestCounts;
import crosswatch.faults.VerdictWatch.Shown;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process per test class, its chain {@value ProxiedNode#FAULTY} behind a {@link crosswatch.devnet.proxy
 * .FaultProxy}; each test is one phase: a fault in force while traffic runs, then healed. After each phase: no
 * wrong verdict was ever shown (a corrected one counts too), no message lost and none made up, every message of
 * the phase judged right within 60 s of healing, the other chains as fast as without a fault, no planted secret in
 * anything the node wrote or served. A problem of one phase is reported by that phase; the messages of the next
 * phase are judged on their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
abstract class FaultPhases {
  private static final Logger log = LoggerFactory.getLogger(FaultPhases.class);
  static final Duration RECOVERY = Duration.ofSeconds(60);
  /** Messages executed on or pointing at the faulty chain during a fault: about ten seconds of traffic. */
  static final int AFFECTED = 50;
  /** Garbage is caught (or not) at once: half the time shows it. */
  static final int AFFECTED_BRIEFLY = 25;
  /** Messages mined this long before a fault may still be judged while it is in force. */
  private static final Duration LEAD = Duration.ofSeconds(5);
  /** The ledger learns of a message when its receipt is read, a moment after the node may have seen it. */
  private static final Duration LEDGER_DELAY = Duration.ofSeconds(5);
  private static final Predicate<EmittedMessage> TOUCHES_FAULTY = m -> m.executingChainId() == ProxiedNode.FAULTY
      || m.initiatingChainId() == ProxiedNode.FAULTY;

  protected ProxiedNode net;
  protected final LogRanges ranges = new LogRanges();
  private Judgements judgements;
  private Leaks leaks;
  private Duration baselineP99;
  private final List<PhaseCost> costs = new ArrayList<>();

  /** How the node reaches the faulty chain. */
  protected abstract Setup setup();

  @BeforeAll
  void start(@TempDir Path dataDir) {
    net = ProxiedNode.start(dataDir, getClass().getSimpleName(), setup());
    judgements = new Judgements(net.ledger, net.watch);
    leaks = new Leaks(net);
    net.proxy.onRequest(ranges);
    warmUp();
  }

  /** Lets the node judge its first messages before anything is measured: a cold JVM is slow at first. */
  private void warmUp() {
    Instant started = Instant.now();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
        .until(() -> net.ledger.count(started, m -> true) >= AFFECTED);
    List<EmittedMessage> first = net.ledger.mined(Instant.EPOCH, Instant.now(), m -> true);
    await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> judgements.notRight(first).isEmpty());
  }

  @AfterAll
  void stop() {
    if (!costs.isEmpty()) {
      String table = PhaseCost.table(costs);
      log.info("fault costs measured class={}\n{}", getClass().getSimpleName(), table);
      System.out.println(table);
    }
    if (net != null) {
      net.close();
    }
  }

  @Test
  @Order(0)
  void withoutAFaultEveryMessageIsJudgedRight() {
    assertRight(baseline());
  }

  /** Runs the no-fault phase once; its other chains' p99 is what every later phase is held to. */
  private PhaseOutcome baseline() {
    PhaseOutcome outcome = run("none", Fault.NONE, AFFECTED);
    baselineP99 = outcome.cost().p99();
    return outcome;
  }

  /** Fails with every problem of the phase, {@code more} (the test's own checks) included. */
  @SafeVarargs
  protected final void assertRight(PhaseOutcome outcome, Optional<String>... more) {
    var problems = new ArrayList<>(outcome.problems());
    for (Optional<String> problem : more) {
      problem.ifPresent(problems::add);
    }
    var all = new PhaseOutcome(outcome.fault(), problems, outcome.cost(), outcome.healedAt(), outcome.during(),
        outcome.affectedP99(), outcome.affectedValidP99());
    assertThat(all.problems()).as(all.summary()).isEmpty();
  }

  /** A phase with {@code fault} in force until {@value #AFFECTED} messages touching the faulty chain were mined. */
  protected final PhaseOutcome run(String name, Fault fault) {
    return run(name, fault, AFFECTED);
  }

  protected final PhaseOutcome run(String name, Fault fault, int affected) {
    if (baselineP99 == null && fault != Fault.NONE) {
      baseline();
    }
    Instant start = Instant.now();
    Set<String> wrongBefore = judgements.everWrong(start);
    Set<String> accessListsWrongBefore = judgements.wrongAccessLists(Instant.EPOCH, start, Set.of()).keySet();
    long outputBefore = leaks.mark();
    net.proxy.takeCounts();
    net.proxy.fault(fault);
    // The fault's scenario lasts while this much traffic is mined (about 10 s), not until some state is reached.
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
        .until(() -> net.ledger.count(start, TOUCHES_FAULTY) >= affected);
    Optional<ChainView> during = faultyChain();
    Instant healed = Instant.now();
    RequestCounts spent = net.proxy.takeCounts();
    net.proxy.heal();

    List<EmittedMessage> due = net.ledger.mined(start.minus(LEAD), healed, m -> true);
    Optional<Duration> recovered = awaitRight(due, healed);
    Instant end = Instant.now();
    var problems = new ArrayList<String>();
    Map<String, Shown> wrong = judgements.wrongShown(start, end, wrongBefore);
    List<EmittedMessage> lost = lost(due);
    reportWrong(wrong, start, problems);
    Map<String, Shown> wrongAccessLists = judgements.wrongAccessLists(start, end, accessListsWrongBefore);
    if (!wrongAccessLists.isEmpty()) {
      problems.add(wrongAccessLists.size() + " valid messages shown undeclared by their access list, which declares"
          + " them, e.g. " + wrongAccessLists.entrySet().stream().limit(5)
          .map(e -> e.getKey() + " access list " + e.getValue().accessList()).toList());
    }
    if (!lost.isEmpty()) {
      problems.add(lost.size() + " of " + due.size() + " messages lost (never shown, 404), e.g. " + examples(lost));
    }
    if (recovered.isEmpty()) {
      List<EmittedMessage> notRight = judgements.notRight(due);
      problems.add(notRight.size() + " of " + due.size() + " messages not judged right " + RECOVERY.toSeconds()
          + " s after healing, e.g. " + notRight.stream().limit(5).map(this::state).toList());
    }
    List<String> phantoms = judgements.phantoms(start, end.minus(LEDGER_DELAY));
    if (!phantoms.isEmpty()) {
      problems.add(phantoms.size() + " messages shown that no chain holds, e.g. "
          + phantoms.stream().limit(5).toList());
    }
    List<EmittedMessage> others = net.ledger.mined(start, healed, TOUCHES_FAULTY.negate());
    Duration p99 = judgements.p99(others);
    Duration affectedP99 = judgements.p99(net.ledger.mined(start, healed, TOUCHES_FAULTY));
    Duration affectedValidP99 = judgements.p99(net.ledger.mined(start, healed,
        TOUCHES_FAULTY.and(m -> m.reason().isEmpty())));
    if (fault != Fault.NONE) {
      Duration bound = baselineP99.multipliedBy(2).plusSeconds(1);
      if (p99.compareTo(bound) > 0) {
        problems.add("other chains slowed: p99 " + p99.toMillis() + " ms over " + others.size()
            + " messages > bound " + bound.toMillis() + " ms (baseline p99 " + baselineP99.toMillis() + " ms)");
      }
    }
    during.map(ChainView::echoes).filter(words -> !words.isEmpty()).ifPresent(words -> problems.add(
        "lastError repeats the upstream's answer or a parser's words " + words + ": " + during.get().lastError()));
    problems.addAll(leaks.since(outputBefore));
    if (net.watch.reconnects() > 0) {
      log.warn("event stream was reopened reconnects={}: states between may be missing", net.watch.reconnects());
    }
    var cost = new PhaseCost(setup().transport(), name, Duration.between(start, healed), spent,
        recovered, wrong.size(), wrongAccessLists.size(), lost.size(), p99, baselineP99 == null ? p99 : baselineP99);
    costs.add(cost);
    log.info("fault phase done fault={} lastedMs={} requests={} recoveredMs={} wrong={} lost={} p99Ms={} problems={}",
        name, cost.lasted().toMillis(), spent, recovered.map(Duration::toMillis).orElse(-1L), wrong.size(),
        lost.size(), p99.toMillis(), problems.size());
    return new PhaseOutcome(name, problems, cost, healed, during, affectedP99, affectedValidP99);
  }

  /** A problem when the node still showed the faulty chain connected at the end of the fault. */
  protected static Optional<String> shownConnected(PhaseOutcome outcome) {
    return outcome.during().filter(ChainView::connected).map(chain -> "chain " + ProxiedNode.FAULTY
        + " still shown connected at the end of the fault (" + outcome.cost().lasted().toMillis() + " ms): " + chain);
  }

  /** A problem when the faulty chain's own messages were slowed during the fault as if it had stopped. */
  protected final Optional<String> faultyChainStalled(PhaseOutcome outcome) {
    Duration bound = baselineP99.multipliedBy(2).plusSeconds(1);
    return outcome.affectedP99().compareTo(bound) <= 0 ? Optional.empty() : Optional.of("chain "
        + ProxiedNode.FAULTY + " stalled: its messages' p99 " + outcome.affectedP99().toMillis() + " ms > bound "
        + bound.toMillis() + " ms, though only some answers were bad");
  }

  /** The faulty chain as the node shows it now. */
  protected final Optional<ChainView> faultyChain() {
    return net.node.get("/api/v1/chains").flatMap(chains -> ChainView.of(chains, ProxiedNode.FAULTY));
  }

  /** Once healed, the faulty chain is shown connected, without an error that is over. */
  @Test
  @Order(Integer.MAX_VALUE)
  void onceHealedTheFaultyChainShowsConnectedAndNoStaleError() {
    try {
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> faultyChain().filter(c -> c.connected() && c.lastError().isEmpty()).isPresent());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("chain " + ProxiedNode.FAULTY + " healed for 30 s still shows " + faultyChain(), e);
    }
  }

  /** How long after healing every message of the phase showed its deserved verdict; empty when not in time. */
  private Optional<Duration> awaitRight(List<EmittedMessage> due, Instant healed) {
    try {
      await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
          .until(() -> judgements.notRight(due).isEmpty());
      return Optional.of(Duration.between(healed, Instant.now()));
    } catch (ConditionTimeoutException e) {
      return Optional.empty();
    }
  }

  /** Messages the event stream never showed and the node does not know either. */
  private List<EmittedMessage> lost(List<EmittedMessage> due) {
    return judgements.neverShown(due).stream()
        .filter(m -> net.node.get("/api/v1/messages/" + m.id()).isEmpty())
        .toList();
  }

  private void reportWrong(Map<String, Shown> wrong, Instant start, List<String> problems) {
    if (wrong.isEmpty()) {
      return;
    }
    long frozen = wrong.keySet().stream()
        .filter(id -> net.watch.of(id).stream().anyMatch(s -> s.isFinal()
            && Judgements.wrong(net.ledger.get(id).orElseThrow(), s)))
        .count();
    problems.add(wrong.size() + " messages shown with a wrong verdict (" + frozen + " of them final), e.g. "
        + wrong.entrySet().stream().limit(5).map(e -> e.getKey() + " deserved "
            + Judgements.deserved(net.ledger.get(e.getKey()).orElseThrow()) + ", shown " + e.getValue().verdict()
            + (e.getValue().isFinal() ? " (final)" : "") + " at +"
            + Duration.between(start, e.getValue().at()).toMillis() + " ms").toList());
  }

  private String state(EmittedMessage message) {
    return message.id() + " deserved " + Judgements.deserved(message) + ", shows "
        + net.watch.latest(message.id()).map(Shown::verdict).orElse("nothing");
  }

  private static String examples(List<EmittedMessage> messages) {
    return messages.stream().limit(5).map(EmittedMessage::id).collect(Collectors.joining(", ", "[", "]"));
  }
}
