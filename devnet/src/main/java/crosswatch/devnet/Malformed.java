package crosswatch.devnet;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.web3j.utils.Numeric;

/**
 * Inbox logs that are not well-formed {@code ExecutingMessage} events, each made from a valid message by one
 * change: what strict decoding must reject (reason {@code malformed-event}). Emit with
 * {@link DevnetChain#emitRawInboxLog}.
 */
public enum Malformed {
  /** Only topic0: the indexed msgHash is missing. */
  MISSING_MSG_HASH_TOPIC(spec -> new RawLog(List.of(Inbox.EXECUTING_MESSAGE_TOPIC),
      Numeric.toHexString(identifier(spec)))),
  /** A third topic after msgHash. */
  EXTRA_TOPIC(spec -> new RawLog(List.of(Inbox.EXECUTING_MESSAGE_TOPIC, spec.msgHash(), spec.msgHash()),
      Numeric.toHexString(identifier(spec)))),
  /** 128 data bytes: the chainId word is cut off. */
  SHORT_DATA(spec -> wellFormedTopics(spec, Arrays.copyOf(identifier(spec), 128))),
  /** 192 data bytes: a zero word after the identifier. */
  LONG_DATA(spec -> wellFormedTopics(spec, Arrays.copyOf(identifier(spec), 192))),
  /** A non-zero byte in the origin word's 12 bytes of padding. */
  DIRTY_ORIGIN_PADDING(spec -> wellFormedTopics(spec, withByte(identifier(spec), 0))),
  /** blockNumber does not fit uint64 (a non-zero byte in its 24 bytes of padding). */
  BLOCK_NUMBER_OVER_UINT64(spec -> wellFormedTopics(spec, withByte(identifier(spec), 32 + 23))),
  /** logIndex does not fit uint32 (a non-zero byte in its 28 bytes of padding). */
  LOG_INDEX_OVER_UINT32(spec -> wellFormedTopics(spec, withByte(identifier(spec), 64 + 27))),
  /** timestamp does not fit uint64 (a non-zero byte in its 24 bytes of padding). */
  TIMESTAMP_OVER_UINT64(spec -> wellFormedTopics(spec, withByte(identifier(spec), 96 + 23)));

  private final Function<ExecSpec, RawLog> maker;

  Malformed(Function<ExecSpec, RawLog> maker) {
    this.maker = maker;
  }

  /** The malformed log made from {@code spec}, which should be a valid message (e.g. {@code ExecSpec.of(log)}). */
  public RawLog log(ExecSpec spec) {
    return maker.apply(spec);
  }

  private static byte[] identifier(ExecSpec spec) {
    return Calldata.encodedIdentifier(spec);
  }

  private static RawLog wellFormedTopics(ExecSpec spec, byte[] data) {
    return RawLog.of(List.of(Inbox.EXECUTING_MESSAGE_TOPIC, spec.msgHash()), data);
  }

  private static byte[] withByte(byte[] data, int offset) {
    data[offset] = 0x01;
    return data;
  }
}
