package io.flightdeck.deploy.kubernetes;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression refers to: every identifier that is not a function or
 * aggregation (those are followed by a parenthesis), a keyword, a label (inside braces or a {@code
 * by}/{@code on} list) or part of a range or a string. Enough for the expressions of this module's
 * rules and dashboards, not a PromQL parser.
 */
final class PromQl {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private PromQl() {}

  static Set<String> metrics(String expression) {
    String bare =
        expression
            .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> metrics = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(bare);
    while (identifier.find()) {
      String name = identifier.group();
      boolean partOfNumber =
          identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
      String rest = bare.substring(identifier.end()).stripLeading();
      if (!partOfNumber
          && !rest.startsWith("(")
          && !KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
        metrics.add(name);
      }
    }
    return metrics;
  }
}
