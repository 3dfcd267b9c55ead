package crosswatch.protocol;

import static crosswatch.protocol.Words.WORD;

import crosswatch.protocol.AccessListEntry.ChainIdExtension;
import crosswatch.protocol.AccessListEntry.Checksum;
import crosswatch.protocol.AccessListEntry.Lookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/** The EIP-2930 storage keys under the CrossL2Inbox that an executing transaction declares per message. */
public final class AccessList {

  private AccessList() {}

  /**
   * The entries one message needs, in protocol order: lookup, chain-id extension (only when the chain id does
   * not fit uint64), checksum.
   *
   * @throws IllegalArgumentException if the identifier's numbers do not fit the protocol's widths
   */
  public static List<AccessListEntry> entries(ExecutingMessage message) {
    Identifier id = message.identifier();
    List<AccessListEntry> entries = new ArrayList<>(3);
    entries.add(Lookup.of(id));
    ChainIdExtension.of(id.chainId()).ifPresent(entries::add);
    entries.add(checksum(id, message.msgHash()));
    return List.copyOf(entries);
  }

  /** {@link #entries} as lowercase 0x-prefixed storage keys. */
  public static List<String> storageKeys(ExecutingMessage message) {
    return entries(message).stream().map(AccessListEntry::storageKey).toList();
  }

  /**
   * Whether {@code storageKeysUnderInbox} (every key the transaction lists under the inbox, in any case)
   * declares {@code message}. Membership, not position, is checked: a transaction may de-duplicate identical
   * keys, so two messages with the same identifier share one lookup and the keys no longer come in fixed-size
   * groups. Keys this protocol does not know are ignored.
   */
  public static AccessListCheck confirm(List<String> storageKeysUnderInbox, ExecutingMessage message) {
    if (!fitsLookup(message.identifier())) {
      return AccessListCheck.MISSING;
    }
    Set<AccessListEntry> present =
        storageKeysUnderInbox.stream().map(AccessListEntry::parse).collect(Collectors.toSet());
    List<AccessListEntry> expected = entries(message);
    if (!present.contains(expected.getFirst())) {
      return AccessListCheck.MISSING;
    }
    return present.containsAll(expected) ? AccessListCheck.OK : AccessListCheck.MISMATCH;
  }

  /**
   * keccak256(keccak256(logHash ++ idPacked) ++ uint256 chainId) with its first byte replaced by the type byte,
   * where idPacked = 12 zero bytes ++ uint64 blockNumber ++ uint64 timestamp ++ uint32 logIndex.
   */
  static Checksum checksum(Identifier id, String msgHash) {
    byte[] idPacked = Words.concat(new byte[12], Words.unsignedBytes(id.blockNumber(), 8),
        Words.unsignedBytes(id.timestamp(), 8), Words.unsignedBytes(id.logIndex(), 4));
    byte[] logHash = Words.fixed(Hashes.logHash(id.origin(), msgHash), WORD);
    byte[] idLogHash = Hash.sha3(Words.concat(logHash, idPacked));
    byte[] checksum = Hash.sha3(Words.concat(idLogHash, Words.unsignedBytes(id.chainId(), WORD)));
    checksum[0] = AccessListEntry.CHECKSUM;
    return new Checksum(Words.hex(checksum));
  }

  // No lookup key can name an identifier whose numbers exceed its fields, so such a message is never declared.
  private static boolean fitsLookup(Identifier id) {
    return Words.fitsUnsigned(id.blockNumber(), 64) && Words.fitsUnsigned(id.timestamp(), 64)
        && Words.fitsUnsigned(id.logIndex(), 32) && Words.fitsUnsigned(id.chainId(), 256);
  }
}
