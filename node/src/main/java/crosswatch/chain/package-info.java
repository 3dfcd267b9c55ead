/**
 * Reading chains: JSON-RPC over web3j (http(s) polled, ws(s) notified) with timeouts, bounded retries with
 * jittered backoff and batches, strict reading of answers, and one scanner per chain that finds every
 * {@code ExecutingMessage} log from its checkpoint on, follows the head and walks back over reorgs.
 * Failures surface as {@link crosswatch.judge.ChainUnavailable}, never as verdicts.
 */
package crosswatch.chain;
