package crosswatch.metrics;

import java.time.Duration;

/**
 * Every meter name and tag key Crosswatch records, with its help text: one place to read what is exported.
 * Names are Micrometer's dotted form; Prometheus sees {@code crosswatch_...} with {@code _total} on counters and
 * {@code _seconds} on timers.
 */
public final class Meters {
  private Meters() {}

  public static final String CHAIN_ID = "chain.id";
  public static final String EXECUTING_CHAIN_ID = "executing.chain.id";
  public static final String INITIATING_CHAIN_ID = "initiating.chain.id";
  public static final String METHOD = "method";
  public static final String OUTCOME = "outcome";
  public static final String REASON = "reason";
  public static final String SAFETY = "safety";
  public static final String RESULT = "result";

  /** The initiating chain label of messages that point at a chain that is not configured: ids are unbounded. */
  public static final String UNCONFIGURED_CHAIN = "other";

  public static final String RPC_REQUESTS = "crosswatch.rpc.requests";
  static final String RPC_REQUESTS_HELP = "JSON-RPC calls sent, each call of a batch counted, by method and outcome "
      + "(ok, io, timeout, error, garbled, inconsistent)";

  public static final String RPC_REQUEST_DURATION = "crosswatch.rpc.request.duration";
  static final String RPC_REQUEST_DURATION_HELP = "Round-trip time of JSON-RPC requests; a batch is one sample "
      + "whose method is its methods joined with +";

  public static final String MESSAGES_DETECTED = "crosswatch.messages.detected";
  static final String MESSAGES_DETECTED_HELP = "Executing messages found for the first time";

  public static final String DETECTION_DELAY = "crosswatch.detection.delay";
  static final String DETECTION_DELAY_HELP = "From the executing block being seen to its message's first verdict";

  public static final String INVALID_MESSAGES = "crosswatch.invalid.messages";
  static final String INVALID_MESSAGES_HELP = "Messages that became invalid, by reason and by the executing block's "
      + "safety when judged; never decreases";

  public static final String STATUS_FLIPS = "crosswatch.status.flips";
  static final String STATUS_FLIPS_HELP = "Changes of a message's status between valid and invalid, by the executing "
      + "block's safety when it flipped";

  public static final String ACCESS_LIST_PROBLEMS = "crosswatch.access.list.problems";
  static final String ACCESS_LIST_PROBLEMS_HELP = "Valid messages whose executing transaction's access list does not "
      + "declare them (missing, mismatch): impossible on a correct chain";

  public static final String REORGS = "crosswatch.reorgs";
  static final String REORGS_HELP = "Reorgs detected while scanning a chain";

  public static final String JUDGE_FAILURES = "crosswatch.judge.failures";
  static final String JUDGE_FAILURES_HELP = "Judging rounds left pending because the initiating chain's RPC failed";

  public static final String JUDGE_WAITING = "crosswatch.judge.waiting";
  static final String JUDGE_WAITING_HELP = "Messages waiting for a block of this initiating chain to be scanned";

  public static final String CHAIN_CONNECTED = "crosswatch.chain.connected";
  static final String CHAIN_CONNECTED_HELP = "1 while the chain's RPC answers, 0 while it fails";

  public static final String LEVEL = "level";
  public static final String STATUS = "status";

  public static final String MESSAGES = "crosswatch.messages";
  static final String MESSAGES_HELP = "Message records by executing and initiating chain, status and safety of the "
      + "executing block; the same on every replica";

  public static final String OLDEST_PENDING_AGE = "crosswatch.oldest.pending.age";
  static final String OLDEST_PENDING_AGE_HELP = "Time since the oldest pending message of the executing chain was "
      + "first seen; 0 when none is pending";

  public static final String CHAIN_HEAD = "crosswatch.chain.head";
  static final String CHAIN_HEAD_HELP = "Block number of the chain's latest, safe and finalized heads";

  public static final String CHAIN_HEAD_AGE = "crosswatch.chain.head.age";
  static final String CHAIN_HEAD_AGE_HELP = "Time since the timestamp of the chain's latest head block";

  public static final String CHECKPOINT_LAG = "crosswatch.checkpoint.lag.blocks";
  static final String CHECKPOINT_LAG_HELP = "Blocks between the chain's latest head and its scan checkpoint";

  public static final String CHAIN_SCANNED = "crosswatch.chain.scanned";
  static final String CHAIN_SCANNED_HELP = "Last block number whose executing messages have all been found";

  public static final String CHAIN_BEHIND = "crosswatch.chain.behind";
  static final String CHAIN_BEHIND_HELP = "Blocks between the head and the last scanned block: catch-up still to do";

  public static final String CHAIN_SCANNED_BLOCK_TIME = "crosswatch.chain.scanned.block.time";
  static final String CHAIN_SCANNED_BLOCK_TIME_HELP = "Timestamp of the last scanned block (freshness), unix seconds";

  public static final String SITE = "site";

  public static final String SITE_DISAGREEMENTS = "crosswatch.site.disagreements";
  static final String SITE_DISAGREEMENTS_HELP = "Message records whose sites reached different verdicts (status or "
      + "reason), by executing and initiating chain; the same on every replica of every site";

  public static final String SITE_UP = "crosswatch.site.up";
  static final String SITE_UP_HELP = "1 while this replica's site is connected to the site over the bridge (its own "
      + "site: always 1)";

  public static final String SITE_BACKUP_LAG = "crosswatch.site.backup.lag";
  static final String SITE_BACKUP_LAG_HELP = "Age of the newest backup this replica received from the site, on that "
      + "site's clock (published every second, so about 1 s while backups flow; its own site: 0); NaN until one "
      + "arrived";

  /** Buckets of latency histograms, around the 250 ms detection target. */
  static final Duration[] LATENCY_BUCKETS = {
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
}
