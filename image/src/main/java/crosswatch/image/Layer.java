package crosswatch.image;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gzip-compressed layer blob: {@code digest} and {@code size} of the compressed bytes (what the manifest names),
 * {@code diffId} of the tar inside (what the config names).
 *
 * <p>Compressing takes most of a build, so a layer is kept in a cache under the digest of its recipe (every
 * entry's path, owner, mode and content digest, and the timestamp); the same recipe gives the same bytes anyway.
 */
record Layer(String digest, long size, String diffId, String description) {
  static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Writes the layer's blob into {@code blobs} (named by its hex digest), from the cache when it is there. */
  static Layer write(String description, List<Entry> entries, long mtime, Path blobs, Path cache) {
    try {
      String recipe = recipe(entries, mtime);
      Path cached = cache.resolve("layers").resolve(Digest.hex(recipe));
      Path cachedLayer = cached.resolve("layer.json");
      if (!Files.isRegularFile(cachedLayer)) {
        build(description, entries, mtime, cached);
      }
      Layer layer = JSON.readValue(cachedLayer.toFile(), Layer.class);
      Path blob = blobs.resolve(Digest.hex(layer.digest()));
      if (!Files.isRegularFile(blob) || Files.size(blob) != layer.size()) {
        Files.copy(cached.resolve("blob"), blob, StandardCopyOption.REPLACE_EXISTING);
      }
      return layer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void build(String description, List<Entry> entries, long mtime, Path dir) throws IOException {
    Path partial = Files.createTempDirectory(Files.createDirectories(dir.getParent()), dir.getFileName() + ".");
    Path blob = partial.resolve("blob");
    Digest.Counting compressed;
    Digest.Counting tar;
    try (OutputStream file = Files.newOutputStream(blob)) {
      compressed = new Digest.Counting(file);
      // GZIPOutputStream writes no name and a zero timestamp: its header is the same on every run.
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 1 << 16)) {
        tar = new Digest.Counting(gzip);
        try (TarWriter writer = new TarWriter(tar, mtime)) {
          for (Entry entry : entries) {
            writer.write(entry);
          }
        }
      }
    }
    Layer layer = new Layer(compressed.digest(), compressed.count(), tar.digest(), description);
    JSON.writeValue(partial.resolve("layer.json").toFile(), layer);
    // A half-written cache entry never counts: the directory appears only once it is whole. Another build (a
    // worktree sharing the cache) may have made the same one meanwhile: the same recipe, the same bytes.
    try {
      Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException madeMeanwhile) {
      Files.delete(blob);
      Files.delete(partial.resolve("layer.json"));
      Files.delete(partial);
    }
  }

  private static String recipe(List<Entry> entries, long mtime) throws IOException {
    StringBuilder recipe = new StringBuilder("mtime=" + mtime + "\n");
    for (Entry entry : entries) {
      recipe.append(entry.path()).append(' ').append(Integer.toOctalString(entry.mode())).append(' ')
          .append(entry.owner()).append(' ');
      switch (entry) {
        case Entry.Directory dir -> recipe.append("dir");
        case Entry.Symlink link -> recipe.append("-> ").append(link.target());
        case Entry.RegularFile file -> recipe.append(Digest.of(file.source()));
      }
      recipe.append('\n');
    }
    return Digest.of(recipe.toString().getBytes(StandardCharsets.UTF_8));
  }
}
