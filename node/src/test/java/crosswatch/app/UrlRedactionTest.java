package crosswatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UrlRedactionTest {

  @Test
  void userinfoPathQueryAndFragmentAreDropped() {
    assertThat(UrlRedaction.redact("to ws://user:s3cr3t@127.0.0.1:8546/key/ABC?apikey=Q#frag failed"))
        .isEqualTo("to ws://127.0.0.1:8546 failed");
  }

  @Test
  void aPasswordHoldingAnAtSignIsDroppedWhole() {
    assertThat(UrlRedaction.redact("wss://u:p@ss@rpc.example/v3/KEY")).isEqualTo("wss://rpc.example");
  }

  @Test
  void anIpv6HostKeepsItsBrackets() {
    assertThat(UrlRedaction.redact("http://[::1]:8545/key")).isEqualTo("http://[::1]:8545");
  }

  @Test
  void urlsInsideJsonAndQuotesEndAtTheQuote() {
    assertThat(UrlRedaction.redact("{\"message\":\"url 'https://a:b@h:1/p?q=1' and \\\"wss://h2/p\\\"\"}"))
        .isEqualTo("{\"message\":\"url 'https://h:1' and \\\"wss://h2\\\"\"}");
  }

  @Test
  void whatDisplayShowsAndTextWithoutUrlsPassUnchanged() {
    String line = "chain unavailable chainId=901 rpc=ws://127.0.0.1:8546 error=timeout after 10s";
    assertThat(UrlRedaction.redact(line)).isEqualTo(line);
    assertThat(UrlRedaction.redact("no url here: a=b")).isEqualTo("no url here: a=b");
  }

  @Property
  void noSecretSurvivesWhateverItIsMadeOf(@ForAll("secretUrls") String[] url) {
    String redacted = UrlRedaction.redact("error=" + url[0] + " next");
    assertThat(redacted).isEqualTo("error=" + url[1] + " next");
  }

  /** A URL with secrets in userinfo, path and query, and what it must become. */
  @Provide
  Arbitrary<String[]> secretUrls() {
    Arbitrary<String> scheme = Arbitraries.of("http", "https", "ws", "wss");
    Arbitrary<String> host = Arbitraries.of("127.0.0.1", "rpc.example.com", "[2001:db8::1]", "node-7");
    Arbitrary<String> port = Arbitraries.of("", ":1", ":8545", ":65535");
    Arbitrary<String> secret = Arbitraries.strings().withChars("abcXYZ019-._~%!$&'()*+,;=:@").ofMinLength(1)
        .ofMaxLength(20).filter(s -> !s.contains("'"));
    return Combinators.combine(scheme, host, port, secret, secret, secret).as((s, h, p, user, path, query) ->
        new String[] {s + "://" + user + "@" + h + p + "/" + path.replace("@", "") + "?k=" + query.replace("@", ""),
            s + "://" + h + p});
  }
}
