package dev.boreal.engine.params;

import dev.boreal.engine.params.ParameterSpec.Group;
import dev.boreal.engine.params.ParameterSpec.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the parameter table as the plain-text help that {@code boreal train --help} prints: one section
 * per group, one row per parameter with its name, default, range and a description column that also
 * lists the aliases and, for enums, the accepted values with their synonyms.
 *
 * <p>The text is generated from {@link ParameterTable} so the documentation cannot drift from the checks.
 */
final class HelpText {

  /** Total line width; fits a default terminal with room for the two-space indent. */
  private static final int WIDTH = 118;
  /** Longer defaults (label_gain's 31 values) are cut; the full value is in the model file. */
  private static final int MAX_DEFAULT_WIDTH = 16;
  private static final String GAP = "  ";

  private HelpText() {}

  /** The help for {@code specs}, which must be in group order as {@link ParameterTable#all()} gives them. */
  static String render(List<ParameterSpec> specs) {
    int nameWidth = "name".length();
    int defaultWidth = "default".length();
    int rangeWidth = "range".length();
    for (ParameterSpec s : specs) {
      nameWidth = Math.max(nameWidth, s.name().length());
      defaultWidth = Math.max(defaultWidth, shownDefault(s).length());
      rangeWidth = Math.max(rangeWidth, shownRange(s).length());
    }
    int descriptionColumn = GAP.length() + nameWidth + defaultWidth + rangeWidth + 3 * GAP.length();
    int descriptionWidth = Math.max(30, WIDTH - descriptionColumn);

    StringBuilder out = new StringBuilder();
    Group group = null;
    for (ParameterSpec s : specs) {
      if (s.group() != group) {
        group = s.group();
        out.append(out.length() == 0 ? "" : "\n").append(group.title()).append(" parameters\n");
        row(out, nameWidth, defaultWidth, rangeWidth, "name", "default", "range", "description");
      }
      List<String> lines = wrap(describe(s), descriptionWidth);
      row(out, nameWidth, defaultWidth, rangeWidth, s.name(), shownDefault(s), shownRange(s), lines.get(0));
      for (String line : lines.subList(1, lines.size())) {
        row(out, nameWidth, defaultWidth, rangeWidth, "", "", "", line);
      }
    }
    departures(out, specs);
    return out.toString();
  }

  /** The defaults that are not LightGBM's, each with LightGBM's value and the reason. */
  private static void departures(StringBuilder out, List<ParameterSpec> specs) {
    boolean first = true;
    for (ParameterSpec s : specs) {
      ParameterSpec.Departure d = s.departure();
      if (d == null) {
        continue;
      }
      if (first) {
        out.append("\nDefaults that differ from LightGBM's (see the README for the measurements)\n");
        first = false;
      }
      String text = s.name() + ": " + (d.rule() != null ? d.rule() : s.defaultText()) + " (LightGBM: "
          + d.lightgbmDefault() + "). " + d.reason();
      List<String> lines = wrap(text, WIDTH - 2 * GAP.length());
      out.append(GAP).append(lines.get(0)).append('\n');
      for (String line : lines.subList(1, lines.size())) {
        out.append(GAP).append(GAP).append(line).append('\n');
      }
    }
  }

  private static void row(StringBuilder out, int nameWidth, int defaultWidth, int rangeWidth, String name,
      String defaultText, String range, String description) {
    out.append(GAP).append(pad(name, nameWidth)).append(GAP).append(pad(defaultText, defaultWidth)).append(GAP)
        .append(pad(range, rangeWidth)).append(GAP).append(description);
    // Trailing blanks come from padding empty cells; strip them so the text diffs cleanly.
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    out.append('\n');
  }

  /**
   * The description, an automatic default's rule, then the aliases, then (for enums) each value with its
   * synonyms in parentheses.
   */
  private static String describe(ParameterSpec s) {
    StringBuilder d = new StringBuilder(s.description());
    if (s.departure() != null && s.departure().rule() != null) {
      d.append(" Auto: ").append(s.departure().rule()).append('.');
    }
    if (!s.aliases().isEmpty()) {
      d.append(" Aliases: ").append(String.join(", ", s.aliases())).append('.');
    }
    if (s.type() == Type.ENUM) {
      List<String> values = new ArrayList<>();
      for (String v : s.allowedValues()) {
        List<String> synonyms = new ArrayList<>();
        for (Map.Entry<String, String> e : s.enumSynonyms().entrySet()) {
          if (e.getValue().equals(v) && !e.getKey().equals(v)) {
            synonyms.add(e.getKey());
          }
        }
        String shown = v.isEmpty() ? "\"\"" : v;
        values.add(synonyms.isEmpty() ? shown : shown + " (" + String.join(", ", synonyms) + ")");
      }
      d.append(" Values: ").append(String.join(", ", values)).append('.');
    }
    return d.toString();
  }

  private static String shownDefault(ParameterSpec s) {
    if (s.departure() != null && s.departure().rule() != null) {
      return "auto";
    }
    String d = s.defaultText();
    if (d.isEmpty()) {
      return "\"\"";
    }
    if (d.length() <= MAX_DEFAULT_WIDTH) {
      return d;
    }
    // Cut at a comma so no list element is shown half-written.
    int cut = d.lastIndexOf(',', MAX_DEFAULT_WIDTH - 4);
    return d.substring(0, cut) + ",...";
  }

  private static String shownRange(ParameterSpec s) {
    return s.type() == Type.BOOLEAN ? "true|false" : s.rangeText();
  }

  /** Greedy word wrap; a word longer than the width gets a line of its own. */
  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
