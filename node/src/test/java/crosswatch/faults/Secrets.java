package crosswatch.faults;

import java.util.List;
import java.util.UUID;

/**
 * Credentials planted in an RPC URL where providers put them (userinfo, path, query), each unique to the run,
 * so that finding one anywhere the node wrote is a leak.
 */
record Secrets(String user, String password, String pathKey, String queryKey) {
  static Secrets fresh() {
    return new Secrets("user" + token(), "pass" + token(), "pathkey" + token(), "querykey" + token());
  }

  private static String token() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** {@code scheme://user:password@host:port/v3/pathKey?apikey=queryKey} for a {@code scheme://host:port} URL. */
  String in(String url) {
    int hostStart = url.indexOf("://") + 3;
    return url.substring(0, hostStart) + user + ":" + password + "@" + url.substring(hostStart) + "/v3/" + pathKey
        + "?apikey=" + queryKey;
  }

  List<String> all() {
    return List.of(user, password, pathKey, queryKey);
  }
}
