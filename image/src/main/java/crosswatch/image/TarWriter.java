package crosswatch.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Writes a POSIX (ustar) tar stream with nothing taken from the machine but file contents: the caller gives
 * every owner, mode and the one timestamp, so that the same entries always give the same bytes. Names longer
 * than ustar allows go into a PAX extended header.
 */
final class TarWriter implements AutoCloseable {
  private static final int BLOCK = 512;
  private static final int NAME_LENGTH = 100;
  private static final int PREFIX_LENGTH = 155;

  private final OutputStream out;
  private final long mtime;

  /** @param mtime seconds since the epoch, written as every entry's modification time */
  TarWriter(OutputStream out, long mtime) {
    this.out = out;
    this.mtime = mtime;
  }

  void write(Entry entry) throws IOException {
    switch (entry) {
      case Entry.Directory dir -> header(dir.path() + "/", '5', dir.mode(), dir.owner(), 0, "");
      case Entry.Symlink link -> header(link.path(), '2', link.mode(), link.owner(), 0, link.target());
      case Entry.RegularFile file -> {
        long size = Files.size(file.source());
        header(file.path(), '0', file.mode(), file.owner(), size, "");
        try (InputStream in = Files.newInputStream(file.source())) {
          long copied = in.transferTo(out);
          if (copied != size) {
            throw new IOException(file.source() + " changed while it was archived");
          }
        }
        pad(size);
      }
    }
  }

  /** Ends the archive with two zero blocks; does not close the underlying stream. */
  @Override
  public void close() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private void header(String name, char type, int mode, int owner, long size, String linkName) throws IOException {
    byte[] nameBytes = bytes(name);
    String[] split = splitForUstar(name);
    boolean longLink = bytes(linkName).length > NAME_LENGTH;
    if (split == null || longLink) {
      StringBuilder records = new StringBuilder();
      if (split == null) {
        records.append(paxRecord("path", name));
      }
      if (longLink) {
        records.append(paxRecord("linkpath", linkName));
      }
      byte[] pax = bytes(records.toString());
      String paxName = "PaxHeaders/" + name.substring(name.lastIndexOf('/', name.length() - 2) + 1);
      block(truncate(paxName), "", 'x', 0644, Entry.ROOT, pax.length, "");
      out.write(pax);
      pad(pax.length);
      split = new String[] {"", truncate(new String(nameBytes, StandardCharsets.UTF_8))};
    }
    block(split[1], split[0], type, mode, owner, size, longLink ? truncate(linkName) : linkName);
  }

  private void block(String name, String prefix, char type, int mode, int owner, long size, String linkName)
      throws IOException {
    byte[] header = new byte[BLOCK];
    put(header, 0, NAME_LENGTH, bytes(name));
    octal(header, 100, 8, mode);
    octal(header, 108, 8, owner);
    octal(header, 116, 8, owner);
    octal(header, 124, 12, size);
    octal(header, 136, 12, mtime);
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = (byte) type;
    put(header, 157, NAME_LENGTH, bytes(linkName));
    put(header, 257, 6, bytes("ustar\0"));
    put(header, 263, 2, bytes("00"));
    octal(header, 329, 8, 0);
    octal(header, 337, 8, 0);
    put(header, 345, PREFIX_LENGTH, bytes(prefix));
    long checksum = 0;
    for (byte b : header) {
      checksum += b & 0xff;
    }
    byte[] sum = bytes(String.format("%06o", checksum));
    System.arraycopy(sum, 0, header, 148, 6);
    header[154] = 0;
    header[155] = ' ';
    out.write(header);
  }

  /** {prefix, name} when ustar can hold the path, else null. */
  private static String[] splitForUstar(String path) {
    byte[] all = bytes(path);
    if (all.length <= NAME_LENGTH) {
      return new String[] {"", path};
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String prefix = path.substring(0, slash);
      String rest = path.substring(slash + 1);
      if (bytes(prefix).length <= PREFIX_LENGTH && bytes(rest).length <= NAME_LENGTH && !rest.isEmpty()) {
        return new String[] {prefix, rest};
      }
    }
    return null;
  }

  /** A PAX record {@code "<length> <key>=<value>\n"}, whose length counts its own digits. */
  static String paxRecord(String key, String value) {
    int body = bytes(" " + key + "=" + value + "\n").length;
    int length = body + Integer.toString(body).length();
    if (Integer.toString(length).length() != Integer.toString(body).length()) {
      length++;
    }
    return length + " " + key + "=" + value + "\n";
  }

  private static String truncate(String name) {
    byte[] b = bytes(name);
    return b.length <= NAME_LENGTH ? name : new String(b, 0, NAME_LENGTH, StandardCharsets.UTF_8);
  }

  private void pad(long size) throws IOException {
    int rest = (int) (size % BLOCK);
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }

  private static void put(byte[] header, int offset, int length, byte[] value) {
    if (value.length > length) {
      throw new IllegalArgumentException("tar field too long: " + new String(value, StandardCharsets.UTF_8));
    }
    System.arraycopy(value, 0, header, offset, value.length);
  }

  /** Zero-padded octal digits and a NUL, filling the field. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("tar number too large: " + value);
    }
    put(header, offset, length, bytes("0".repeat(length - 1 - digits.length()) + digits + "\0"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
