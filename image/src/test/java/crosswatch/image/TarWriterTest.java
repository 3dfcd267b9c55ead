package crosswatch.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What TarWriter writes, as GNU tar reads it back. */
@Tag("integration") // reads its archives back with the system's tar
class TarWriterTest {
  private static final long MTIME = Instant.parse("2026-12-01T00:00:00Z").getEpochSecond();

  @TempDir
  Path dir;

  private Path archive(List<Entry> entries) throws IOException {
    Path tar = dir.resolve("out.tar");
    try (OutputStream out = Files.newOutputStream(tar); TarWriter writer = new TarWriter(out, MTIME)) {
      for (Entry entry : entries) {
        writer.write(entry);
      }
    }
    return tar;
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  /** {@code tar --numeric-owner -tvf}: mode, owner/group, size, date, time, name. */
  private static List<String> listing(Path tar) throws Exception {
    Process process = new ProcessBuilder("tar", "--numeric-owner", "--utc", "-tvf", tar.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().map(line -> line.replaceAll("\\s+", " ")).toList();
  }

  @Nested
  class Entries {
    @Test
    void directoriesFilesAndSymlinksKeepTheGivenOwnerModeAndTime() throws Exception {
      Path tar = archive(List.of(
          new Entry.Directory("var/lib/crosswatch", 0750, 10001),
          new Entry.RegularFile("etc/passwd", 0644, 0, file("passwd", "root:x:0:0::/:/x\n")),
          new Entry.Symlink("lib", "usr/lib"),
          new Entry.Directory("tmp", 01777, 0)));

      assertThat(listing(tar)).containsExactly(
          "drwxr-x--- 10001/10001 0 2026-12-01 00:00 var/lib/crosswatch/",
          "-rw-r--r-- 0/0 17 2026-12-01 00:00 etc/passwd",
          "lrwxrwxrwx 0/0 0 2026-12-01 00:00 lib -> usr/lib",
          "drwxrwxrwt 0/0 0 2026-12-01 00:00 tmp/");
    }

    @Test
    void aFilesBytesArriveWhole() throws Exception {
      String content = "x".repeat(1500);
      Path tar = archive(List.of(new Entry.RegularFile("a/b.txt", 0755, 0, file("b.txt", content))));
      Path out = Files.createDirectory(dir.resolve("extracted"));

      Process extract = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString()).start();
      assertThat(extract.waitFor(30, TimeUnit.SECONDS) && extract.exitValue() == 0).isTrue();

      assertThat(out.resolve("a/b.txt")).hasContent(content).isExecutable();
    }
  }

  @Nested
  class LongNames {
    @Test
    void aPathUpTo255BytesIsSplitIntoUstarsPrefixAndName() throws Exception {
      String path = "p".repeat(120) + "/" + "n".repeat(90);
      assertThat(listing(archive(List.of(new Entry.Directory(path, 0755, 0)))))
          .singleElement().asString().endsWith(" " + path + "/");
    }

    @Test
    void aLongerPathAndALongLinkTargetGoIntoAPaxHeader() throws Exception {
      String path = "d/" + "x".repeat(300);
      String target = "t/" + "y".repeat(200);
      assertThat(listing(archive(List.of(new Entry.Symlink(path, target)))))
          .singleElement().asString().endsWith(" " + path + " -> " + target);
    }

    @Test
    void aPaxRecordCountsItsOwnLength() {
      assertThat(TarWriter.paxRecord("path", "a")).isEqualTo("9 path=a\n");
      // 98 bytes without the length: two digits make 100, which takes three, so the record is 101 bytes long.
      String record = TarWriter.paxRecord("path", "v".repeat(91));
      assertThat(record).startsWith("101 path=v").hasSize(101);
    }
  }

  @Test
  void theSameEntriesGiveTheSameBytes() throws Exception {
    List<Entry> entries = List.of(new Entry.RegularFile("f", 0644, 0, file("f", "same")));
    byte[] first = Files.readAllBytes(archive(entries));
    byte[] second = Files.readAllBytes(archive(entries));
    assertThat(first).isEqualTo(second).hasSize(512 + 512 + 1024);
  }

  @Test
  void anArchiveEndsWithTwoZeroBlocks() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TarWriter(out, MTIME).close();
    assertThat(out.toByteArray()).hasSize(1024).containsOnly(0);
  }
}
