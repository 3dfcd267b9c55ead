package crosswatch.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds a layer's entries: trees copied from this machine, and every parent directory, sorted by path. */
final class Entries {
  private final Map<String, Entry> byPath = new TreeMap<>();

  static String normalize(String path) {
    String trimmed = path.replaceAll("^/+", "").replaceAll("/+$", "");
    if (trimmed.isEmpty() || trimmed.contains("..") || trimmed.contains("//")) {
      throw new IllegalArgumentException("not a path inside the image: " + path);
    }
    return trimmed;
  }

  /** Adds the entry and, owned by root with mode 0755, each of its parent directories not added yet. */
  Entries add(Entry entry) {
    String path = entry.path();
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      byPath.putIfAbsent(path.substring(0, slash), new Entry.Directory(path.substring(0, slash), 0755, Entry.ROOT));
    }
    Entry previous = byPath.put(path, entry);
    if (previous != null && !(previous instanceof Entry.Directory && entry instanceof Entry.Directory)) {
      throw new IllegalArgumentException("two entries at " + path);
    }
    return this;
  }

  /** A root-owned file: 0755 when executable here, else 0644. */
  Entries file(String path, Path source) {
    return add(new Entry.RegularFile(path, Files.isExecutable(source) ? 0755 : 0644, Entry.ROOT, source));
  }

  /**
   * Every file, directory and symlink under {@code source}, placed under {@code path} (at the top when it is
   * empty), owned by root.
   */
  Entries tree(String path, Path source) {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.toList()) {
        String relative = source.relativize(file).toString();
        if (relative.isEmpty() && path.isEmpty()) {
          continue;
        }
        String target = relative.isEmpty() ? path : path.isEmpty() ? relative : path + "/" + relative;
        if (Files.isSymbolicLink(file)) {
          add(new Entry.Symlink(target, Files.readSymbolicLink(file).toString()));
        } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          add(new Entry.Directory(target, 0755, Entry.ROOT));
        } else {
          add(new Entry.RegularFile(target, modeOf(file), Entry.ROOT, file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The entries sorted by path: parents before children, and the same order on every machine. */
  List<Entry> sorted() {
    return List.copyOf(byPath.values());
  }

  private static int modeOf(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? 0755 : 0644;
  }
}
