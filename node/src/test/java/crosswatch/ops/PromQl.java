package crosswatch.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names in a PromQL expression with a small tokenizer: identifiers that are not functions
 * (followed by "("), operators, keywords or label names (inside {}, by/without/on/ignoring/group_* lists).
 * Strings, ranges, numbers, durations and Grafana variables ($chain, ${datasource}) are skipped.
 */
final class PromQl {

  /** Identifiers that can stand without a following "(": aggregations, set and matching operators, modifiers. */
  private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
      "count", "count_values", "bottomk", "topk", "quantile", "and", "or", "unless", "by", "without", "on",
      "ignoring", "group_left", "group_right", "offset", "bool", "atan2", "inf", "nan");
  /** Keywords whose parenthesised argument lists label names, not expressions. */
  private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private PromQl() {}

  static SortedSet<String> metricNames(String expr) {
    SortedSet<String> names = new TreeSet<>();
    walk(expr, names::add, list -> { });
    return names;
  }

  /** The label names an expression groups or matches by: the lists of by, without, on, ignoring and group_*. */
  static SortedSet<String> groupingLabels(String expr) {
    SortedSet<String> names = new TreeSet<>();
    walk(expr, metric -> { }, list -> names.addAll(labelNames(list)));
    return names;
  }

  /** Hands each metric name to {@code metrics} and the inside of each label list (by, on, ...) to {@code lists}. */
  private static void walk(String expr, Consumer<String> metrics, Consumer<String> lists) {
    int i = 0;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(expr, i);
      } else if (c == '{') {
        i = skipPast(expr, i, '}');
      } else if (c == '[') {
        i = skipPast(expr, i, ']');
      } else if (c == '$') {
        i = i + 1 < expr.length() && expr.charAt(i + 1) == '{' ? skipPast(expr, i + 1, '}') : skipWord(expr, i + 1);
      } else if (Character.isDigit(c) || c == '.') {
        i = skipWord(expr, i + 1);
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int end = skipWord(expr, i);
        String word = expr.substring(i, end);
        int next = skipSpaces(expr, end);
        boolean call = next < expr.length() && expr.charAt(next) == '(';
        if (call && LABEL_LISTS.contains(word)) {
          int close = skipPast(expr, next, ')');
          lists.accept(expr.substring(next + 1, close - 1));
          i = close;
        } else {
          if (!call && !KEYWORDS.contains(word)) {
            metrics.accept(word);
          }
          i = end;
        }
      } else {
        i++;
      }
    }
  }

  /** For each place the metric is selected: its label matchers, e.g. {@code {job="x"}}, or "" when it has none. */
  static List<String> matchersOf(String expr, String metric) {
    List<String> matchers = new ArrayList<>();
    Matcher use = occurrences(metric).matcher(expr);
    while (use.find()) {
      int next = skipSpaces(expr, use.end());
      matchers.add(next < expr.length() && expr.charAt(next) == '{' ? expr.substring(next, skipPast(expr, next, '}')) : "");
    }
    return matchers;
  }

  /** The label names of a matcher list such as {@code {job="x", chain_id=~"9.*"}}. */
  static SortedSet<String> labelNames(String matchers) {
    SortedSet<String> names = new TreeSet<>();
    int i = 0;
    while (i < matchers.length()) {
      char c = matchers.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(matchers, i);
      } else if (Character.isLetter(c) || c == '_') {
        int end = skipWord(matchers, i);
        names.add(matchers.substring(i, end));
        i = end;
      } else {
        i++;
      }
    }
    return names;
  }

  /** For each place the metric is selected: the function it is the first argument of, or "" when none. */
  static List<String> functionsAround(String expr, String metric) {
    List<String> functions = new ArrayList<>();
    Matcher use = occurrences(metric).matcher(expr);
    while (use.find()) {
      int open = use.start() - 1;
      while (open >= 0 && Character.isWhitespace(expr.charAt(open))) {
        open--;
      }
      if (open < 0 || expr.charAt(open) != '(') {
        functions.add("");
        continue;
      }
      int start = open;
      while (start > 0 && (Character.isLetterOrDigit(expr.charAt(start - 1)) || expr.charAt(start - 1) == '_')) {
        start--;
      }
      functions.add(expr.substring(start, open));
    }
    return functions;
  }

  private static Pattern occurrences(String metric) {
    return Pattern.compile("(?<![\\w:$])" + Pattern.quote(metric) + "(?![\\w:])");
  }

  private static int skipWord(String expr, int from) {
    int i = from;
    while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || "_:.".indexOf(expr.charAt(i)) >= 0)) {
      i++;
    }
    return i;
  }

  private static int skipSpaces(String expr, int from) {
    int i = from;
    while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
      i++;
    }
    return i;
  }

  /** From an opening bracket to just past its closing one, stepping over strings that may contain it. */
  private static int skipPast(String expr, int open, char close) {
    int i = open + 1;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == close) {
        return i + 1;
      }
      i = c == '"' || c == '\'' || c == '`' ? skipString(expr, i) : i + 1;
    }
    throw new IllegalArgumentException("unclosed '" + expr.charAt(open) + "' at " + open + " in: " + expr);
  }

  private static int skipString(String expr, int open) {
    char quote = expr.charAt(open);
    int i = open + 1;
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      // Backticks are raw strings; the other quotes allow escapes such as \".
      i += c == '\\' && quote != '`' ? 2 : 1;
    }
    throw new IllegalArgumentException("unclosed string at " + open + " in: " + expr);
  }
}
