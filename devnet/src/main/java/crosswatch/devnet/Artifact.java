package crosswatch.devnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compiled contract as scripts/compile.mjs writes it to the class path.
 *
 * @param bytecode creation code (deploys the contract)
 * @param deployedBytecode runtime code (what {@code anvil_setCode} puts at an address)
 */
record Artifact(String name, String bytecode, String deployedBytecode) {
  static final Artifact INBOX = load("CrossL2InboxStandIn");
  static final Artifact EMITTER = load("Emitter");

  private static Artifact load(String name) {
    String resource = "contracts/" + name + ".json";
    try (InputStream in = Artifact.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing class path resource crosswatch/devnet/" + resource);
      }
      JsonNode json = JsonMapper.shared().readTree(in);
      return new Artifact(name, json.get("bytecode").asString(), json.get("deployedBytecode").asString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
