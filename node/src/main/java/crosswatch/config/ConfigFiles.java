package crosswatch.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Reads a configuration file into a JSON tree, turning every failure into an {@link InvalidValue}. */
final class ConfigFiles {
  private ConfigFiles() {}

  static JsonNode readTree(Path path, ObjectMapper mapper, String format) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new InvalidValue("cannot read \"" + path + "\" (no such file)");
    } catch (AccessDeniedException e) {
      throw new InvalidValue("cannot read \"" + path + "\" (permission denied)");
    } catch (IOException e) {
      throw new InvalidValue("cannot read \"" + path + "\" (" + e.getClass().getSimpleName() + ")");
    }
    try {
      return mapper.readTree(bytes);
    } catch (JacksonException e) {
      // The parser's own message can quote file content (an RPC URL with its key): report the position only.
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InvalidValue("\"" + path + "\" is not valid " + format + where);
    }
  }
}
