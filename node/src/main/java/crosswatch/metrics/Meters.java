package crosswatch.metrics;

import java.time.Duration;

/**
 * Every meter name and tag key Crosswatch records, with its help text: one place to read what is exported.
 * Names are Micrometer's dotted form; Prometheus sees {@code crosswatch_...} with {@code _total} on counters and
 * {@code _seconds} on timers.
 *
 * <p>A meter about a message names its chains by their role, {@link #EXECUTING_CHAIN_ID} and
 * {@link #INITIATING_CHAIN_ID}; {@link #CHAIN_ID} is kept for meters about one chain's RPC, scanner and heads.
 */
public final class Meters {
  private Meters() {}

  /** The chain a meter about one chain's RPC, scanner or heads is about. */
  public static final String CHAIN_ID = "chain.id";
  /** The chain whose block holds a message's executing log. */
  public static final String EXECUTING_CHAIN_ID = "executing.chain.id";
  /** The chain a message's identifier points at (its initiating log's chain). */
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
      + "(ok, io, timeout, error, garbled, inconsistent, rate-limited, wrong-chain)";

  public static final String RPC_WRONG_CHAIN = "crosswatch.rpc.wrong.chain";
  static final String RPC_WRONG_CHAIN_HELP = "Connections to an endpoint of the chain that answered eth_chainId with "
      + "another chain's id; the endpoint is not used until a later connection serves the right chain";

  public static final String RPC_REQUEST_DURATION = "crosswatch.rpc.request.duration";
  static final String RPC_REQUEST_DURATION_HELP = "Round-trip time of JSON-RPC requests; a batch is one sample "
      + "whose method is its methods joined with +";

  public static final String RPC_UNVERIFIED_ANSWERS = "crosswatch.rpc.unverified.answers";
  static final String RPC_UNVERIFIED_ANSWERS_HELP = "Logs answers that a block's logsBloom contradicted (logs left "
      + "out by a lagging or lying node); the scan does not pass such a block until a read proves its logs";

  public static final String RPC_DISAGREEMENTS = "crosswatch.rpc.disagreements";
  static final String RPC_DISAGREEMENTS_HELP = "Times two endpoints of a chain named different blocks at one height, "
      + "or different logs for one block, while a verdict was being confirmed or before a block's executing messages "
      + "were recorded (the block is then not passed until they agree)";

  public static final String VERDICTS_WITHHELD = "crosswatch.verdicts.withheld";
  static final String VERDICTS_WITHHELD_HELP = "Verdicts not written because the answers they rested on could not "
      + "be confirmed (why: disagreement, unconfirmed); the messages stay pending and are judged again";

  public static final String WHY = "why";

  public static final String UNINDEXED_RECORDS = "crosswatch.sweep.unindexed.records";
  static final String UNINDEXED_RECORDS_HELP = "Message records the sweep found in this replica's store that had "
      + "reached it without an event (another replica's conflict resolution after a partition): judged only from "
      + "then on, up to one sweep late";

  public static final String MESSAGES_DETECTED = "crosswatch.messages.detected";
  static final String MESSAGES_DETECTED_HELP = "Executing messages found for the first time";

  public static final String DETECTION_DELAY = "crosswatch.detection.delay";
  static final String DETECTION_DELAY_HELP = "From the executing block being seen to its message's first verdict, "
      + "by executing chain";

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

  public static final String HEAD_WENT_BACK = "crosswatch.chain.head.went.back";
  static final String HEAD_WENT_BACK_HELP = "Times the chain's RPC reported a head below the blocks already scanned "
      + "(a lagging or restarted node): not a reorg by itself, messages keep their status";

  public static final String JUDGE_FAILURES = "crosswatch.judge.failures";
  static final String JUDGE_FAILURES_HELP = "Judging rounds left pending because the initiating chain's RPC failed, "
      + "by initiating chain";

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

  /** The block's timestamp, not the chain's block interval (which "block time" often means). */
  public static final String CHAIN_SCANNED_BLOCK_TIMESTAMP = "crosswatch.chain.scanned.block.timestamp";
  static final String CHAIN_SCANNED_BLOCK_TIMESTAMP_HELP = "Timestamp of the last scanned block (freshness), unix "
      + "seconds";

  public static final String CLUSTER_MEMBERS = "crosswatch.cluster.members";
  public static final String CLUSTER_MEMBERS_HELP = "Members in this replica's current cluster view";

  public static final String CLUSTER_DEGRADED = "crosswatch.cluster.degraded";
  public static final String CLUSTER_DEGRADED_HELP = "1 while this replica sees no majority of the expected members "
      + "(a minority partition)";

  public static final String OWNED_CHAINS = "crosswatch.owned.chains";
  public static final String OWNED_CHAINS_HELP = "Chains this replica scans (and whose initiated messages it judges)";

  public static final String MERGES = "crosswatch.merges";
  public static final String MERGES_HELP = "Partitions healed: merge views installed by this replica";

  public static final String CONFLICTS_RESOLVED = "crosswatch.conflicts.resolved";
  public static final String CONFLICTS_RESOLVED_HELP = "Message records whose replicas differed after a partition, "
      + "resolved when it healed, by outcome (merged, kept-preferred)";
  public static final String MERGED = "merged";
  /** Copies disagreed on immutable facts (a writer's bug): the coordinator's preferred copy was kept. */
  public static final String KEPT_PREFERRED = "kept-preferred";

  public static final String INFO = "crosswatch.info";
  public static final String INFO_HELP = "Always 1; labels say which version runs on which node";
  public static final String VERSION = "version";
  public static final String NODE = "node";

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
