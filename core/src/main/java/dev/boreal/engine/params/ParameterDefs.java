package dev.boreal.engine.params;

import dev.boreal.engine.params.ParameterSpec.Group;
import dev.boreal.engine.params.ParameterSpec.Range;
import dev.boreal.engine.params.ParameterSpec.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machinery {@link ParameterTable} writes its definitions with: a {@link Def} builder per parameter,
 * recorded in the order written, the range shorthands, and the step that turns the definitions into
 * {@link ParameterSpec}s. Kept apart from the table so that the table file holds the definitions themselves.
 */
final class ParameterDefs {

  /** The definitions in the order written. */
  private final List<Def> defs = new ArrayList<>();

  /** Starts the definition of one parameter and records it after those already written. */
  Def def(Group group, String name, Type type, String defaultText, String description) {
    Def d = new Def(group, name, type, defaultText, description);
    defs.add(d);
    return d;
  }

  /**
   * The parameters as specs, ordered by group and, within a group, in the order written; each spec's index is
   * its position in this list.
   */
  List<ParameterSpec> build() {
    List<Def> sorted = new ArrayList<>(defs);
    // Display order is by group; the stable sort keeps table order within a group.
    sorted.sort(Comparator.comparing(d -> d.group));
    List<ParameterSpec> specs = new ArrayList<>(sorted.size());
    for (Def d : sorted) {
      specs.add(new ParameterSpec(specs.size(), d.name, d.aliases, d.type, d.group, d.range, d.values,
          d.description, d.defaultText, d.departure, d.recorded, d.omittedAtDefault));
    }
    return List.copyOf(specs);
  }

  /** Values of at least {@code min}. */
  static Range atLeast(double min) {
    return new Range(min, true, Double.POSITIVE_INFINITY, true, Double.NaN);
  }

  /** Values above {@code min}. */
  static Range above(double min) {
    return new Range(min, false, Double.POSITIVE_INFINITY, true, Double.NaN);
  }

  /** Values between {@code min} and {@code max}, each end included or not. */
  static Range between(double min, boolean minInclusive, double max, boolean maxInclusive) {
    return new Range(min, minInclusive, max, maxInclusive, Double.NaN);
  }

  /** One parameter as written in {@link ParameterTable}, before it becomes a {@link ParameterSpec}. */
  static final class Def {
    final Group group;
    final String name;
    final Type type;
    final String defaultText;
    final String description;
    List<String> aliases = List.of();
    Range range;
    ParameterSpec.Departure departure;
    boolean recorded = true;
    boolean omittedAtDefault;
    final Map<String, List<String>> values = new LinkedHashMap<>();

    Def(Group group, String name, Type type, String defaultText, String description) {
      this.group = group;
      this.name = name;
      this.type = type;
      this.defaultText = defaultText;
      this.description = description;
    }

    Def aliases(String... names) {
      aliases = List.of(names);
      return this;
    }

    Def range(Range r) {
      range = r;
      return this;
    }

    /** Boreal's default differs from LightGBM's {@code lightgbm}: the table's value, or {@code rule} when set. */
    Def departs(String lightgbm, String rule, String reason) {
      departure = new ParameterSpec.Departure(lightgbm, rule, reason);
      return this;
    }

    /** A parameter model files do not record (see {@link ParameterSpec#recorded()}). */
    Def notRecorded() {
      recorded = false;
      return this;
    }

    /** A parameter model files record only when it differs from its default (see {@link ParameterSpec#recordedAs}). */
    Def omittedAtDefault() {
      omittedAtDefault = true;
      return this;
    }

    /** Enum values, each written {@code canonical|synonym|synonym}. */
    Def values(String... spellings) {
      for (String s : spellings) {
        List<String> words = Arrays.asList(s.split("\\|", -1));
        values.put(words.get(0), List.copyOf(words.subList(1, words.size())));
      }
      return this;
    }
  }
}
