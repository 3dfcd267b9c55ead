package crosswatch.chain;

import crosswatch.protocol.LogsBloom;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

/**
 * The answers Crosswatch reads, and their strict reading: an error object is a refusal or a rate limit
 * ({@link RpcErrors}), anything that is not the expected shape (null where a value must be, bad hex, numbers out of
 * range) is a garbled answer. Both are {@link RpcFailure}s, never values.
 */
final class RpcAnswers {
  private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
  private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
  private static final Pattern DATA = Pattern.compile("0x([0-9a-f]{2})*");

  private RpcAnswers() {}

  /** The JSON shape of a block header (only the fields read). */
  record HeaderJson(String number, String hash, String parentHash, String timestamp, String logsBloom) {}

  /** The JSON shape of a log. */
  record LogJson(String address, List<String> topics, String data, String blockNumber, String blockHash,
                 String blockTimestamp, String transactionHash, String logIndex) {}

  /** One entry of an EIP-2930 access list. */
  record AccessListItemJson(String address, List<String> storageKeys) {}

  /** The JSON shape of a transaction (only the fields read); no access list at all for legacy transactions. */
  record TransactionJson(String hash, List<AccessListItemJson> accessList) {}

  static final class Quantity extends Response<String> {}

  static final class Transaction extends Response<TransactionJson> {}

  static final class Header extends Response<HeaderJson> {}

  static final class Logs extends Response<List<LogJson>> {}

  static long quantity(Response<?> answer) throws RpcFailure {
    return number(result(answer, String.class, false), "result");
  }

  /** A result that must be a non-empty string, e.g. a subscription id. */
  static String text(Response<?> answer) throws RpcFailure {
    String text = result(answer, String.class, false);
    if (text.isEmpty()) {
      throw garbled("result");
    }
    return text;
  }

  /** A header, or null when the node has no such block. */
  static BlockHeader header(Response<?> answer) throws RpcFailure {
    HeaderJson json = result(answer, HeaderJson.class, true);
    return json == null ? null : header(json);
  }

  static BlockHeader header(HeaderJson json) throws RpcFailure {
    return new BlockHeader(number(json.number(), "number"), hash(json.hash(), "hash"),
        hash(json.parentHash(), "parentHash"), number(json.timestamp(), "timestamp"), bloom(json.logsBloom()));
  }

  /** A header that must exist: the node said its head is at or past it. */
  static BlockHeader existingHeader(Response<?> answer, Object which) throws RpcFailure {
    BlockHeader header = header(answer);
    if (header == null) {
      throw RpcFailure.garbled("no block " + which + " although the node reported it");
    }
    return header;
  }

  /**
   * The storage keys a transaction's access list declares under {@code address}, lowercase; empty when it has no
   * access list; null when the node does not know the transaction.
   */
  static List<String> storageKeysUnder(Response<?> answer, String address) throws RpcFailure {
    TransactionJson json = result(answer, TransactionJson.class, true);
    if (json == null) {
      return null;
    }
    var keys = new ArrayList<String>();
    for (AccessListItemJson item : json.accessList() == null ? List.<AccessListItemJson>of() : json.accessList()) {
      if (item == null || item.storageKeys() == null) {
        throw garbled("accessList");
      }
      if (matching(item.address(), ADDRESS, "address").equals(address)) {
        for (String key : item.storageKeys()) {
          keys.add(hash(key, "storageKey"));
        }
      }
    }
    return keys;
  }

  static List<ChainLog> logs(Response<?> answer) throws RpcFailure {
    @SuppressWarnings("unchecked")
    List<LogJson> json = result(answer, List.class, false);
    var logs = new ArrayList<ChainLog>(json.size());
    for (Object item : json) {
      if (!(item instanceof LogJson log)) {
        throw RpcFailure.garbled("a log is not an object");
      }
      logs.add(log(log));
    }
    return logs;
  }

  private static ChainLog log(LogJson json) throws RpcFailure {
    if (json.topics() == null) {
      throw garbled("topics");
    }
    var topics = new ArrayList<String>(json.topics().size());
    for (String topic : json.topics()) {
      topics.add(hash(topic, "topic"));
    }
    OptionalLong timestamp = json.blockTimestamp() == null
        ? OptionalLong.empty() : OptionalLong.of(number(json.blockTimestamp(), "blockTimestamp"));
    return new ChainLog(number(json.blockNumber(), "blockNumber"), hash(json.blockHash(), "blockHash"), timestamp,
        hash(json.transactionHash(), "transactionHash"), number(json.logIndex(), "logIndex"),
        matching(json.address(), ADDRESS, "address"), topics, matching(json.data(), DATA, "data"));
  }

  private static <T> T result(Response<?> answer, Class<T> type, boolean nullable) throws RpcFailure {
    if (answer.hasError()) {
      throw RpcErrors.failure(answer.getError());
    }
    Object result = answer.getResult();
    if (result == null && nullable) {
      return null;
    }
    if (!type.isInstance(result)) {
      throw garbled("result");
    }
    return type.cast(result);
  }

  private static long number(String text, String field) throws RpcFailure {
    try {
      BigInteger value = Numeric.decodeQuantity(text);
      if (value.signum() < 0 || value.bitLength() > 63) {
        throw garbled(field);
      }
      return value.longValue();
    } catch (RuntimeException e) {
      throw garbled(field);
    }
  }

  private static LogsBloom bloom(String text) throws RpcFailure {
    try {
      return LogsBloom.ofHex(text);
    } catch (IllegalArgumentException e) {
      throw garbled("logsBloom");
    }
  }

  private static String hash(String text, String field) throws RpcFailure {
    return matching(text, HASH, field);
  }

  private static String matching(String text, Pattern pattern, String field) throws RpcFailure {
    String lower = text == null ? null : text.toLowerCase(Locale.ROOT);
    if (lower == null || !pattern.matcher(lower).matches()) {
      throw garbled(field);
    }
    return lower;
  }

  /** Names the field only: the value is the node's, and may be anything. */
  private static RpcFailure garbled(String field) {
    return RpcFailure.garbled("bad " + field);
  }
}
