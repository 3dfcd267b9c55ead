package crosswatch.store.proto;

import static org.assertj.core.api.Assertions.assertThat;

import crosswatch.protocol.AccessListCheck;
import crosswatch.protocol.Identifier;
import crosswatch.protocol.Reason;
import crosswatch.store.Agreement;
import crosswatch.store.Hash32;
import crosswatch.store.HistoryEntry;
import crosswatch.store.MessageKey;
import crosswatch.store.MessageRecord;
import crosswatch.store.Safety;
import crosswatch.store.SiteVerdict;
import crosswatch.store.Stamp;
import crosswatch.store.Status;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.infinispan.protostream.ProtobufUtil;
import org.infinispan.protostream.SerializationContext;
import org.junit.jupiter.api.Test;

/**
 * Records written by the schema before sites existed (bytes kept in {@code records-before-sites.hex}, written by
 * commit 24a77d0) read as records of one unnamed site, the same records they were then; and a record of several
 * sites keeps the old fields readable as its first site's verdict.
 */
class OldSchemaBytesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:00:02.5Z");
  private static final Identifier ID = new Identifier("0x" + "1".repeat(40), BigInteger.valueOf(990), BigInteger.TWO,
      BigInteger.valueOf(1_767_225_580L), BigInteger.valueOf(902));

  private static SerializationContext context() {
    SerializationContext ctx = ProtobufUtil.newSerializationContext();
    new StoreSchemaImpl().register(ctx);
    return ctx;
  }

  private static List<byte[]> oldBytes() throws IOException {
    try (InputStream in = OldSchemaBytesTest.class.getResourceAsStream(
        "/crosswatch/store/proto/records-before-sites.hex")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank()).map(HexFormat.of()::parseHex).toList();
    }
  }

  @Test
  void recordsWrittenBeforeSitesReadAsOneUnnamedSitesVerdict() throws IOException {
    List<byte[]> bytes = oldBytes();
    var pending = new MessageRecord(new MessageKey(901, "0x" + "a".repeat(64), 3), 1000, "0x" + "b".repeat(64),
        1_767_225_600L, "0x" + "c".repeat(64), ID, Status.PENDING, null,
        List.of(new HistoryEntry(Status.PENDING, null, T0)), T0, T0, new Stamp(7, "node-a"));
    var invalid = new MessageRecord(new MessageKey(902, "0x" + "d".repeat(64), 0), 2000,
        Hash32.parse("0x" + "e".repeat(64), "x"), 1_767_225_700L, null, ID, Status.INVALID, Reason.LOG_MISSING,
        List.of(new HistoryEntry(Status.PENDING, null, T0), new HistoryEntry(Status.VALID, null, T1),
            new HistoryEntry(Status.INVALID, Reason.LOG_MISSING, T1.plusSeconds(1))),
        T0, T1.plusSeconds(3), new Stamp(42, "node-b"), Safety.SAFE, Safety.FINALIZED, true, 1, AccessListCheck.OK);

    MessageRecord first = (MessageRecord) ProtobufUtil.fromWrappedByteArray(context(), bytes.get(0));
    MessageRecord second = (MessageRecord) ProtobufUtil.fromWrappedByteArray(context(), bytes.get(1));

    assertThat(first).isEqualTo(pending);
    assertThat(second).isEqualTo(invalid);
    assertThat(second.verdicts()).extracting(SiteVerdict::site).containsExactly("");
    assertThat(second.agreement()).isEqualTo(Agreement.SINGLE_SITE);
    assertThat(second.seenFrom("region-a").verdicts()).extracting(SiteVerdict::site).containsExactly("region-a");
    assertThat(second.seenFrom("region-a").isFinal()).isTrue();
  }

  @Test
  void aRecordOfOneUnnamedSiteIsWrittenAsBefore() throws IOException {
    List<byte[]> bytes = oldBytes();
    Object decoded = ProtobufUtil.fromWrappedByteArray(context(), bytes.get(1));

    assertThat(ProtobufUtil.toWrappedByteArray(context(), decoded)).isEqualTo(bytes.get(1));
  }

  @Test
  void severalSitesRoundTripAndTheOldFieldsCarryTheFirstSitesVerdict() throws IOException {
    MessageRecord base = (MessageRecord) ProtobufUtil.fromWrappedByteArray(context(), oldBytes().get(0));
    MessageRecord twoSites = base.seenFrom("region-a").withStatus(Status.VALID, null, T1, new Stamp(8, "a-0"))
        .seenFrom("region-b").withStatus(Status.INVALID, Reason.LOG_MISSING, T1, new Stamp(9, "b-0"));

    byte[] written = ProtobufUtil.toWrappedByteArray(context(), twoSites);
    MessageRecord read = (MessageRecord) ProtobufUtil.fromWrappedByteArray(context(), written);

    assertThat(read).isEqualTo(twoSites);
    assertThat(read.verdicts()).extracting(SiteVerdict::site).containsExactly("region-a", "region-b");
    assertThat(read.status()).as("seen from the first site").isEqualTo(Status.VALID);
    assertThat(read.agreement()).isEqualTo(Agreement.DISAGREE);
  }
}
