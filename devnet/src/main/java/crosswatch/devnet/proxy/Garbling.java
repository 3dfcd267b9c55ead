package crosswatch.devnet.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers of one {@link Garbage} kind to matching exchanges; true answers to the rest. Garbage that spoils a whole
 * frame (truncated JSON, an HTML page) hits a batch when its first request is selected, so that one answer in n
 * ({@link Match#everyNthId}) means one frame in n, as on a flaky link, and not every batch of n or more.
 */
final class Garbling implements Behaviour {

  private final Match match;
  private final Garbage garbage;

  Garbling(Match match, Garbage garbage) {
    this.match = match;
    this.garbage = garbage;
  }

  @Override
  public Outcome answer(Exchange exchange, Upstream upstream) throws IOException {
    boolean wholeFrame = garbage == Garbage.TRUNCATED_JSON || garbage == Garbage.HTML;
    if (wholeFrame ? !match.test(exchange.requests().getFirst()) : !exchange.any(match)) {
      return TRUTH.answer(exchange, upstream);
    }
    if (garbage == Garbage.HTML) {
      return new Outcome.Answer(200, "text/html", Map.of(), htmlPage(exchange.target()), 1);
    }
    List<JsonNode> answers = new ArrayList<>(upstream.call(exchange.requests()));
    return switch (garbage) {
      case TRUNCATED_JSON -> Outcome.json(truncated(Json.body(answers, exchange.batch())));
      case WRONG_ID -> Outcome.json(exchange.rewritten(answers, match, (r, a) -> wrongId(a)), exchange.batch());
      case WRONG_TYPES -> Outcome.json(exchange.rewritten(answers, match, (r, a) -> wrongTypes(a)),
          exchange.batch());
      case REVERSED_BATCH -> Outcome.json(answers.reversed(), exchange.batch());
      case DUPLICATE_ANSWER -> duplicated(exchange, answers);
      case HTML -> throw new AssertionError("answered above");
    };
  }

  /** Notifications carry no id: only a truncated, HTML or mistyped one is garbage. */
  @Override
  public Optional<String> notification(JsonNode notification, Upstream upstream) {
    if (!match.test(notification)) {
      return Optional.of(notification.toString());
    }
    return Optional.of(switch (garbage) {
      case TRUNCATED_JSON -> truncated(notification.toString());
      case HTML -> htmlPage("/");
      case WRONG_TYPES -> {
        ObjectNode copy = Json.copy(notification);
        JsonNode params = copy.get("params");
        if (params instanceof ObjectNode p && p.get("result") instanceof ObjectNode head) {
          head.set("number", IntNode.valueOf(12));
        }
        yield copy.toString();
      }
      case WRONG_ID, REVERSED_BATCH, DUPLICATE_ANSWER -> notification.toString();
    });
  }

  private static Outcome duplicated(Exchange exchange, List<JsonNode> answers) {
    if (exchange.batch()) {
      List<JsonNode> twice = new ArrayList<>(answers);
      twice.add(answers.getFirst());
      return Outcome.json(twice, true);
    }
    if (exchange.overWebSocket()) {
      return new Outcome.Answer(200, "application/json", Map.of(), answers.getFirst().toString(), 2);
    }
    return Outcome.json(List.of(answers.getFirst(), answers.getFirst()), true);
  }

  /** A gateway's error page, which names the URL it could not serve. */
  private static String htmlPage(String target) {
    return "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
        + "<p>The upstream server is temporarily unavailable for " + target + ".</p></body></html>";
  }

  private static String truncated(String body) {
    return body.substring(0, Math.max(1, body.length() / 2));
  }

  private static JsonNode wrongId(JsonNode answer) {
    ObjectNode copy = Json.copy(answer);
    JsonNode id = answer.path("id");
    copy.set("id", id.isNumber() ? Json.MAPPER.getNodeFactory().numberNode(id.asLong() + 1_000_000)
        : Json.MAPPER.getNodeFactory().stringNode(id.asString("") + "-other"));
    return copy;
  }

  /** A list becomes an object, a header's number a JSON number, a quantity a number, "not found" a list. */
  private static JsonNode wrongTypes(JsonNode answer) {
    if (!answer.has("result")) {
      return answer;
    }
    ObjectNode copy = Json.copy(answer);
    JsonNode result = copy.get("result");
    if (result.isArray()) {
      copy.set("result", Json.MAPPER.createObjectNode());
    } else if (result instanceof ObjectNode object) {
      object.set(object.has("number") || !object.has("blockNumber") ? "number" : "blockNumber", IntNode.valueOf(12));
    } else if (result.isString()) {
      copy.set("result", IntNode.valueOf(12));
    } else {
      copy.set("result", Json.MAPPER.createArrayNode());
    }
    return copy;
  }
}
