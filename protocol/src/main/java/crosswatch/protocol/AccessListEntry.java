package crosswatch.protocol;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * One EIP-2930 storage key under the CrossL2Inbox address, as an executing transaction declares it. Every
 * entry knows its own 32-byte key, so {@code parse(e.storageKey())} equals {@code e}.
 */
public sealed interface AccessListEntry
    permits AccessListEntry.Lookup, AccessListEntry.ChainIdExtension, AccessListEntry.Checksum,
    AccessListEntry.Unrecognized {

  byte LOOKUP = 1;
  byte CHAIN_ID_EXTENSION = 2;
  byte CHECKSUM = 3;

  /** The 32-byte storage key, lowercase 0x-prefixed hex. */
  String storageKey();

  /** Reads one storage key; anything that is not a well-formed entry is {@link Unrecognized}, never thrown. */
  static AccessListEntry parse(String storageKey) {
    Optional<byte[]> word = Words.strictHex(storageKey).filter(b -> b.length == Words.WORD);
    if (word.isEmpty()) {
      return new Unrecognized(storageKey, "not 32 bytes of 0x-prefixed hex");
    }
    byte[] key = word.get();
    return switch (key[0]) {
      case LOOKUP -> Words.zeros(key, 1, 4)
          ? new Lookup(Words.unsignedAt(key, 4, 8), Words.unsignedAt(key, 12, 8),
              Words.unsignedAt(key, 20, 8), Words.unsignedAt(key, 28, 4))
          : new Unrecognized(storageKey, "lookup entry has non-zero padding");
      case CHAIN_ID_EXTENSION -> Words.zeros(key, 1, 8)
          ? new ChainIdExtension(Words.unsignedAt(key, 8, 24))
          : new Unrecognized(storageKey, "chain-id extension entry has non-zero padding");
      case CHECKSUM -> new Checksum(Words.hex(key));
      default -> new Unrecognized(storageKey, "unknown type byte " + Words.hex(new byte[] {key[0]}));
    };
  }

  /** Type 1: where the initiating log is, with only the low 64 bits of the chain id. */
  record Lookup(BigInteger chainIdLow64, BigInteger blockNumber, BigInteger timestamp, BigInteger logIndex)
      implements AccessListEntry {
    public Lookup {
      require(chainIdLow64, 64, "chainIdLow64");
      require(blockNumber, 64, "blockNumber");
      require(timestamp, 64, "timestamp");
      require(logIndex, 32, "logIndex");
    }

    /** @throws IllegalArgumentException if the identifier is not strict (see {@link ExecutingMessageDecoder}) */
    public static Lookup of(Identifier id) {
      return new Lookup(id.chainId().and(Words.UINT64_MAX), id.blockNumber(), id.timestamp(), id.logIndex());
    }

    @Override
    public String storageKey() {
      return key(LOOKUP, Words.concat(new byte[3], Words.unsignedBytes(chainIdLow64, 8),
          Words.unsignedBytes(blockNumber, 8), Words.unsignedBytes(timestamp, 8), Words.unsignedBytes(logIndex, 4)));
    }
  }

  /** Type 2: the chain id's upper 192 bits, present only when the chain id does not fit uint64. */
  record ChainIdExtension(BigInteger chainIdHigh) implements AccessListEntry {
    public ChainIdExtension {
      require(chainIdHigh, 192, "chainIdHigh");
    }

    public static Optional<ChainIdExtension> of(BigInteger chainId) {
      return Words.fitsUnsigned(chainId, 64)
          ? Optional.empty()
          : Optional.of(new ChainIdExtension(chainId.shiftRight(64)));
    }

    @Override
    public String storageKey() {
      return key(CHAIN_ID_EXTENSION, Words.concat(new byte[7], Words.unsignedBytes(chainIdHigh, 24)));
    }
  }

  /** Type 3: binds the identifier, the emitter and the payload; see {@link AccessList#entries}. */
  record Checksum(String storageKey) implements AccessListEntry {
    public Checksum {
      byte[] key = Words.fixed(storageKey, Words.WORD);
      if (key[0] != CHECKSUM) {
        throw new IllegalArgumentException("checksum must start with 0x03, got " + storageKey);
      }
      storageKey = Words.hex(key);
    }
  }

  /** A key under the inbox that is not an entry of this protocol: a wrong type byte, bad padding, bad hex. */
  record Unrecognized(String storageKey, String detail) implements AccessListEntry {
    public Unrecognized {
      Objects.requireNonNull(detail, "detail");
    }
  }

  private static void require(BigInteger value, int bits, String name) {
    if (!Words.fitsUnsigned(value, bits)) {
      throw new IllegalArgumentException(name + " must fit uint" + bits + ", got " + value);
    }
  }

  private static String key(byte type, byte[] rest) {
    return Words.hex(Words.concat(new byte[] {type}, rest));
  }
}
