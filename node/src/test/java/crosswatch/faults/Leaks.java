package crosswatch.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Planted secrets found in what a node printed (since a mark) and in what it serves. */
final class Leaks {
  private static final List<String> SERVED = List.of("/api/v1/chains", "/api/v1/cluster", "/api/v1/summary",
      "/metrics", "/readyz", "/");

  private final ProxiedNode net;

  Leaks(ProxiedNode net) {
    this.net = net;
  }

  /** Where the node's output ends now: {@link #since} looks at what comes after. */
  long mark() {
    try {
      return Files.size(net.node.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line per place that holds a secret: the node's output after {@code mark}, or a page it serves now. */
  List<String> since(long mark) {
    var places = new ArrayList<Map.Entry<String, String>>();
    places.add(Map.entry("node output", read(net.node.logFile(), mark)));
    SERVED.forEach(path -> net.text(path).ifPresent(body -> places.add(Map.entry(path, body))));
    var leaks = new ArrayList<String>();
    for (var place : places) {
      List<String> found = net.secrets.all().stream().filter(place.getValue()::contains).toList();
      if (!found.isEmpty()) {
        leaks.add(found.size() + " planted secrets in " + place.getKey() + ": ..."
            + excerpt(place.getValue(), place.getValue().indexOf(found.getFirst())) + "...");
      }
    }
    return leaks;
  }

  private static String excerpt(String text, int at) {
    int lineStart = Math.max(text.lastIndexOf('\n', at) + 1, at - 150);
    int lineEnd = text.indexOf('\n', at);
    return text.substring(lineStart, Math.min(lineEnd < 0 ? text.length() : lineEnd, at + 100));
  }

  /** The file from byte {@code from} on, whatever a library printed (undecodable bytes included). */
  private static String read(Path file, long from) {
    try {
      byte[] all = Files.readAllBytes(file);
      int start = (int) Math.min(from, all.length);
      return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
