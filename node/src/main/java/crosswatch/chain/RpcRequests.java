package crosswatch.chain;

import crosswatch.protocol.ExecutingMessageDecoder;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.web3j.protocol.core.Request;
import org.web3j.utils.Numeric;

/**
 * The JSON-RPC requests Crosswatch sends. They are sent through a {@link Transport}, never through
 * {@link Request#send()}, so they carry no service.
 */
final class RpcRequests {
  private RpcRequests() {}

  static Request<?, RpcAnswers.Quantity> chainId() {
    return new Request<>("eth_chainId", List.of(), null, RpcAnswers.Quantity.class);
  }

  static Request<?, RpcAnswers.Header> latestHeader() {
    return new Request<>("eth_getBlockByNumber", List.of("latest", false), null, RpcAnswers.Header.class);
  }

  /** The header a block tag names: {@code latest}, {@code safe} or {@code finalized}. */
  static Request<?, RpcAnswers.Header> taggedHeader(String tag) {
    return new Request<>("eth_getBlockByNumber", List.of(tag, false), null, RpcAnswers.Header.class);
  }

  static Request<?, RpcAnswers.Transaction> transaction(String hash) {
    return new Request<>("eth_getTransactionByHash", List.of(hash), null, RpcAnswers.Transaction.class);
  }

  static Request<?, RpcAnswers.Header> header(long number) {
    return new Request<>("eth_getBlockByNumber", List.of(quantity(number), false), null, RpcAnswers.Header.class);
  }

  static Request<?, RpcAnswers.Header> headerByHash(String hash) {
    return new Request<>("eth_getBlockByHash", List.of(hash, false), null, RpcAnswers.Header.class);
  }

  /** The inbox's ExecutingMessage logs over a range of blocks (inclusive). */
  static Request<?, RpcAnswers.Logs> inboxLogs(long from, long to) {
    return logs(Map.of("fromBlock", quantity(from), "toBlock", quantity(to),
        "address", ExecutingMessageDecoder.CROSS_L2_INBOX,
        "topics", List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC)));
  }

  /** The inbox's ExecutingMessage logs of exactly one block: no reorg can mix another block in. */
  static Request<?, RpcAnswers.Logs> inboxLogs(String blockHash) {
    return logs(Map.of("blockHash", blockHash, "address", ExecutingMessageDecoder.CROSS_L2_INBOX,
        "topics", List.of(ExecutingMessageDecoder.EXECUTING_MESSAGE_TOPIC)));
  }

  /** Every log of exactly one block, whoever emitted it: what proves a log absent. */
  static Request<?, RpcAnswers.Logs> allLogs(String blockHash) {
    return logs(Map.of("blockHash", blockHash));
  }

  /** The logs of exactly one block emitted by these addresses: what messages pointing into it are judged on. */
  static Request<?, RpcAnswers.Logs> logsFrom(String blockHash, Collection<String> addresses) {
    return logs(Map.of("blockHash", blockHash, "address", List.copyOf(new TreeSet<>(addresses))));
  }

  private static Request<?, RpcAnswers.Logs> logs(Map<String, Object> filter) {
    return new Request<>("eth_getLogs", List.of(filter), null, RpcAnswers.Logs.class);
  }

  private static String quantity(long number) {
    return Numeric.encodeQuantity(BigInteger.valueOf(number));
  }
}
