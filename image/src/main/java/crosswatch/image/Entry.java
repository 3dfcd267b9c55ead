package crosswatch.image;

import java.nio.file.Path;

/**
 * One entry of a layer's tar: where it lands in the image, who owns it and its mode. Its time is the build's
 * fixed timestamp, never the file's, so that the same inputs give the same bytes.
 */
sealed interface Entry permits Entry.Directory, Entry.RegularFile, Entry.Symlink {
  int ROOT = 0;

  /** The path inside the image, relative, without a leading or trailing slash, e.g. {@code opt/java}. */
  String path();

  int mode();

  int owner();

  record Directory(String path, int mode, int owner) implements Entry {
    public Directory {
      path = Entries.normalize(path);
    }
  }

  /** @param source the file on this machine whose bytes land at {@code path} */
  record RegularFile(String path, int mode, int owner, Path source) implements Entry {
    public RegularFile {
      path = Entries.normalize(path);
    }
  }

  /** @param target what the link points at, as the image's file system resolves it */
  record Symlink(String path, String target) implements Entry {
    public Symlink {
      path = Entries.normalize(path);
    }

    @Override
    public int mode() {
      return 0777;
    }

    @Override
    public int owner() {
      return ROOT;
    }
  }
}
