package crosswatch.config;

import crosswatch.protocol.DependencySet;
import crosswatch.protocol.DependencySet.ChainDependency;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --dependency-set} file and the default set. Format:
 * <pre>{"chains": [{"chainId": 901, "activationTimestamp": 0, "blockTimeSeconds": 2}, ...],
 *  "expiryWindowSeconds": 604800}</pre>
 * Numbers may be JSON integers or decimal strings; only {@code chainId} is required per chain. Unknown fields are
 * refused: a misspelt {@code activationTimestamp} would otherwise silently mean "active from genesis".
 */
final class DependencySetFile {
  static final long DEFAULT_BLOCK_TIME_SECONDS = 2;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final List<String> TOP_FIELDS = List.of("chains", "expiryWindowSeconds");
  private static final List<String> CHAIN_FIELDS = List.of("chainId", "activationTimestamp", "blockTimeSeconds");

  private DependencySetFile() {}

  /** Every chain depends on every other, interop active from genesis, default block time and window. */
  static DependencySet everyToEvery(Collection<Long> chainIds) {
    Map<BigInteger, ChainDependency> chains = chainIds.stream()
        .map(BigInteger::valueOf)
        .collect(Collectors.toMap(id -> id, id -> new ChainDependency(id, 0, DEFAULT_BLOCK_TIME_SECONDS)));
    return new DependencySet(chains, DependencySet.MAX_EXPIRY_WINDOW_SECONDS);
  }

  static DependencySet read(String raw) {
    Path path = Parsers.path(raw);
    JsonNode root = ConfigFiles.readTree(path, JSON, "JSON");
    String in = "\"" + path + "\"";
    if (root == null || !root.isObject()) {
      throw new InvalidValue(in + ": expected a JSON object with \"chains\"");
    }
    checkFields(root, TOP_FIELDS, in);
    JsonNode chainsNode = root.get("chains");
    if (chainsNode == null || !chainsNode.isArray() || chainsNode.isEmpty()) {
      throw new InvalidValue(in + ": \"chains\" must be a non-empty array");
    }
    var chains = new LinkedHashMap<BigInteger, ChainDependency>();
    for (int i = 0; i < chainsNode.size(); i++) {
      ChainDependency chain = chain(chainsNode.get(i), in + ": chains[" + i + "]");
      if (chains.putIfAbsent(chain.chainId(), chain) != null) {
        throw new InvalidValue(in + ": chain " + chain.chainId() + " is listed twice");
      }
    }
    long window = number(root.get("expiryWindowSeconds"), in + ": expiryWindowSeconds",
        DependencySet.MAX_EXPIRY_WINDOW_SECONDS);
    if (window < 1 || window > DependencySet.MAX_EXPIRY_WINDOW_SECONDS) {
      throw new InvalidValue(in + ": expiryWindowSeconds must be in 1.." + DependencySet.MAX_EXPIRY_WINDOW_SECONDS
          + " (a dependency set may shorten the window, never lengthen it), got \"" + window + "\"");
    }
    return new DependencySet(chains, window);
  }

  private static ChainDependency chain(JsonNode node, String at) {
    if (!node.isObject()) {
      throw new InvalidValue(at + " must be an object with a chainId");
    }
    checkFields(node, CHAIN_FIELDS, at);
    if (node.get("chainId") == null) {
      throw new InvalidValue(at + ".chainId is required");
    }
    long chainId = number(node.get("chainId"), at + ".chainId", 0);
    long blockTime = number(node.get("blockTimeSeconds"), at + ".blockTimeSeconds", DEFAULT_BLOCK_TIME_SECONDS);
    if (chainId < 1 || blockTime < 1) {
      throw new InvalidValue(at + (chainId < 1 ? ".chainId" : ".blockTimeSeconds") + " must be positive");
    }
    return new ChainDependency(BigInteger.valueOf(chainId), number(node.get("activationTimestamp"),
        at + ".activationTimestamp", 0), blockTime);
  }

  /** A non-negative integer given as a JSON integer or a decimal string; {@code absent} when the field is missing. */
  private static long number(JsonNode node, String at, long absent) {
    if (node == null) {
      return absent;
    }
    long value = node.isIntegralNumber() || node.isString() ? Parsers.decimal(node.asString()) : -1;
    if (value < 0) {
      throw new InvalidValue(at + " must be a non-negative integer below 2^63, got " + node);
    }
    return value;
  }

  private static void checkFields(JsonNode node, List<String> known, String at) {
    for (String field : node.propertyNames()) {
      if (!known.contains(field)) {
        throw new InvalidValue(at + ": unknown field \"" + field + "\" (expected one of " + known + ")");
      }
    }
  }
}
