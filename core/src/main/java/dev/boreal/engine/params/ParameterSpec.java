package dev.boreal.engine.params;

import dev.boreal.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definition of one parameter: its canonical (LightGBM) name, the aliases users of XGBoost,
 * scikit-learn and LightGBM write, its type, default, accepted range, group and one-line description.
 *
 * <p>A spec also turns the text a user wrote into a typed value ({@link #parse}) and back into the
 * canonical text that a model file stores ({@link #format}), so that the rules for each parameter live
 * in exactly one place. Specs are created only by {@link ParameterTable}.
 */
public final class ParameterSpec {

  /** The kind of value a parameter holds; it decides the typed getter of {@link Params} to use. */
  public enum Type {
    /** A 32-bit integer: {@link Params#getInt}. */
    INT,
    /** A 64-bit integer, used for seeds: {@link Params#getLong}. */
    LONG,
    /** A finite double: {@link Params#getDouble}. */
    DOUBLE,
    /** true/false, also written 1/0 or yes/no: {@link Params#getBoolean}. */
    BOOLEAN,
    /** One of a fixed set of words, with synonyms: {@link Params#getString}. */
    ENUM,
    /** Free text checked elsewhere (for example metric names): {@link Params#getString}. */
    STRING,
    /** Comma-separated doubles: {@link Params#getDoubleList}. */
    DOUBLE_LIST,
    /** Comma-separated integers: {@link Params#getIntList}. */
    INT_LIST,
    /** Bracketed integer lists such as {@code [0,1,2],[2,3]}: {@link Params#getIntLists}. */
    INT_LISTS
  }

  /** The section a parameter is listed under in the help text, in display order. */
  public enum Group {
    /** What to train and how long. */
    CORE("Core"),
    /** How each tree is grown and regularised. */
    LEARNING_CONTROL("Learning control"),
    /** Settings of the objective functions. */
    OBJECTIVE("Objective"),
    /** What is evaluated during training. */
    METRIC("Metric"),
    /** How raw values become bins. */
    DATASET("Dataset and binning"),
    /** Settings that apply only to random forests. */
    RANDOM_FOREST("Random forest"),
    /** Settings of the neural-network module. */
    MLP("Neural networks (mlp, ft-transformer)");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    /** The heading shown in the help text. */
    public String title() {
      return title;
    }
  }

  private final int index;
  private final String name;
  private final List<String> aliases;
  private final Type type;
  private final Group group;
  private final Range range;
  private final Map<String, String> enumWords;
  private final List<String> enumValues;
  private final String description;
  private final Object defaultValue;
  private final Departure departure;
  private final boolean recorded;
  private final boolean omittedAtDefault;

  /**
   * Where Boreal's default differs from LightGBM's, and why.
   *
   * @param lightgbmDefault LightGBM's default, as text
   * @param rule when Boreal's default depends on the data or objective, the rule (shown instead of a value);
   *     otherwise null and the table's default is Boreal's
   * @param reason why, with the measurement that justifies it
   */
  public record Departure(String lightgbmDefault, String rule, String reason) {}

  ParameterSpec(int index, String name, List<String> aliases, Type type, Group group, Range range,
      Map<String, List<String>> enumSynonyms, String description, String defaultText, Departure departure,
      boolean recorded, boolean omittedAtDefault) {
    this.index = index;
    this.departure = departure;
    this.recorded = recorded;
    this.omittedAtDefault = omittedAtDefault;
    this.name = name;
    this.aliases = List.copyOf(aliases);
    this.type = type;
    this.group = group;
    this.range = range;
    this.description = description;
    this.enumValues = List.copyOf(enumSynonyms.keySet());
    Map<String, String> words = new LinkedHashMap<>();
    enumSynonyms.forEach((value, synonyms) -> {
      words.put(value, value);
      synonyms.forEach(s -> words.put(s, value));
    });
    this.enumWords = Collections.unmodifiableMap(words);
    // Parsing the default through the same checks as user input keeps the table honest.
    this.defaultValue = parse(defaultText, name);
  }

  /** The canonical (LightGBM) name, for example {@code learning_rate}. */
  public String name() {
    return name;
  }

  /** Other accepted names, for example {@code eta} and {@code shrinkage_rate}; never the canonical name. */
  public List<String> aliases() {
    return aliases;
  }

  /** The kind of value. */
  public Type type() {
    return type;
  }

  /** The help section. */
  public Group group() {
    return group;
  }

  /** The one-line description shown in the help text. */
  public String description() {
    return description;
  }

  /** The accepted range of the value (of each element, for lists), or {@code null} when any value is accepted. */
  public Range range() {
    return range;
  }

  /**
   * The accepted range as the help shows it, such as {@code > 0.0}, {@code -1 or >= 1}, or {@code each >= 1}
   * for a list; empty when any value of the type is accepted.
   */
  public String rangeText() {
    if (range == null) {
      return "";
    }
    return (isList() ? "each " : "") + range.describe(isIntegral());
  }

  /** The canonical values of an {@link Type#ENUM} parameter, in documentation order; empty for other types. */
  public List<String> allowedValues() {
    return enumValues;
  }

  /** Every accepted spelling of an enum value (canonical values and synonyms) mapped to its canonical value. */
  public Map<String, String> enumSynonyms() {
    return enumWords;
  }

  /**
   * How Boreal's default departs from LightGBM's, or null where they agree. A default with a
   * {@link Departure#rule()} is resolved per training run by the engine and stored in the model's parameters.
   */
  public Departure departure() {
    return departure;
  }

  /**
   * Whether a model file records the value among the training parameters. A parameter that only says where
   * a run starts ({@code input_model}, a file path) or what follows it ({@code calibration}, which the file
   * holds as its own object) is not recorded: the same trees must make the same file.
   */
  public boolean recorded() {
    return recorded;
  }

  /**
   * Whether a model file records this value: a {@linkplain #recorded() recorded} parameter, unless it is one
   * added after model files existed that only some algorithms read (the neural nets' sizes and embeddings),
   * which is written only when it differs from its default, so that every other model's file stays byte for
   * byte the same.
   *
   * @param canonicalText the value as {@link #format} writes it
   */
  public boolean recordedAs(String canonicalText) {
    return recorded && !(omittedAtDefault && canonicalText.equals(defaultText()));
  }

  /** The default value as canonical text, as {@link Params#toCanonicalMap()} would store it. */
  public String defaultText() {
    return format(defaultValue);
  }

  /** Position in {@link ParameterTable#all()}; {@link Params} stores values by it. */
  int index() {
    return index;
  }

  /** The parsed default, shared by every {@link Params}; callers never modify arrays. */
  Object defaultValue() {
    return defaultValue;
  }

  /**
   * Parses and checks the text a user wrote.
   *
   * @param text the value; surrounding blanks are ignored
   * @param writtenAs the name the user wrote, quoted in the error when it is not the canonical name
   * @return an Integer, Long, Double, Boolean, String, double[], int[] or int[][] according to {@link #type()}
   * @throws UsageException naming the parameter, the value and what is accepted
   */
  Object parse(String text, String writtenAs) {
    String t = text.trim();
    try {
      Object value = switch (type) {
        case INT -> Integer.parseInt(t);
        case LONG -> Long.parseLong(t);
        case DOUBLE -> ValueSyntax.parseDouble(t);
        case BOOLEAN -> ValueSyntax.parseBoolean(t);
        case ENUM -> parseEnum(t, writtenAs);
        case STRING -> t;
        case DOUBLE_LIST -> ValueSyntax.parseDoubleList(t);
        case INT_LIST -> ValueSyntax.parseIntList(t);
        case INT_LISTS -> ValueSyntax.parseIntLists(t);
      };
      checkRange(value, t, writtenAs);
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException(name + " must be " + kind() + "; got '" + t + "'" + from(writtenAs) + ".");
    }
  }

  /** The canonical text of a value produced by {@link #parse}; parsing it again gives an equal value. */
  String format(Object value) {
    return switch (type) {
      case DOUBLE -> ValueSyntax.formatDouble((Double) value);
      case DOUBLE_LIST -> ValueSyntax.formatDoubleList((double[]) value);
      case INT_LIST -> ValueSyntax.formatIntList((int[]) value);
      case INT_LISTS -> ValueSyntax.formatIntLists((int[][]) value);
      default -> value.toString();
    };
  }

  private String parseEnum(String text, String writtenAs) {
    String value = enumWords.get(ParameterTable.normalize(text));
    if (value != null) {
      return value;
    }
    StringBuilder accepted = new StringBuilder();
    for (String v : enumValues) {
      accepted.append(accepted.length() == 0 ? "" : ", ").append(v.isEmpty() ? "\"\"" : v);
    }
    String closest = Spelling.closest(ParameterTable.normalize(text), enumWords.keySet());
    String hint = closest == null ? "" : " (did you mean '" + closest + "'?)";
    throw new UsageException(name + " must be one of " + accepted + "; got '" + text + "'" + from(writtenAs)
        + hint + ".");
  }

  private void checkRange(Object value, String text, String writtenAs) {
    double[] elements = switch (type) {
      case INT -> new double[] {(Integer) value};
      case DOUBLE -> new double[] {(Double) value};
      case INT_LIST -> Arrays.stream((int[]) value).asDoubleStream().toArray();
      case DOUBLE_LIST -> (double[]) value;
      case INT_LISTS -> Arrays.stream((int[][]) value).flatMapToInt(Arrays::stream).asDoubleStream().toArray();
      default -> new double[0];
    };
    for (double e : elements) {
      if (range != null && !range.contains(e)) {
        String rule = range.describe(isIntegral());
        String message = isList()
            ? name + " must have every value " + rule + "; got " + ValueSyntax.formatNumber(e) + " in '" + text + "'"
            : name + " must be " + rule + "; got " + text;
        throw new UsageException(message + from(writtenAs) + ".");
      }
    }
  }

  private boolean isList() {
    return type == Type.INT_LIST || type == Type.DOUBLE_LIST || type == Type.INT_LISTS;
  }

  private boolean isIntegral() {
    return type == Type.INT || type == Type.INT_LIST || type == Type.INT_LISTS;
  }

  /** What a well-formed value looks like, for the "must be ..." part of a syntax error. */
  private String kind() {
    return switch (type) {
      case INT -> "an integer" + (range == null ? "" : " " + range.describe(true));
      case LONG -> "an integer";
      case DOUBLE -> "a finite number" + (range == null ? "" : " " + range.describe(false));
      case BOOLEAN -> "true or false (also 1/0, yes/no)";
      case INT_LIST -> "a comma-separated list of integers such as 1,0,-1";
      case DOUBLE_LIST -> "a comma-separated list of numbers such as 0,1,3";
      case INT_LISTS -> "bracketed lists of feature indices such as [0,1,2],[2,3]";
      default -> throw new IllegalStateException(type + " values have no syntax error");
    };
  }

  private String from(String writtenAs) {
    return writtenAs.equals(name) ? "" : " (from '" + writtenAs + "')";
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * The values a number may take: an optional lower and upper bound, each inclusive or exclusive, and
   * optionally one extra value outside them (such as -1 for "no limit").
   *
   * @param min lower bound, or negative infinity for none
   * @param minInclusive whether {@code min} itself is accepted
   * @param max upper bound, or positive infinity for none
   * @param maxInclusive whether {@code max} itself is accepted
   * @param orValue a value accepted besides the bounds, or NaN for none
   */
  public record Range(double min, boolean minInclusive, double max, boolean maxInclusive, double orValue) {

    /** Rejects ranges that accept nothing, so a typo in the table fails at class loading. */
    public Range {
      if (!(min <= max)) {
        throw new IllegalArgumentException("empty range " + min + ".." + max);
      }
    }

    /** Whether {@code v} is accepted; NaN never is. */
    public boolean contains(double v) {
      if (v == orValue) {
        return true;
      }
      boolean aboveMin = minInclusive ? v >= min : v > min;
      boolean belowMax = maxInclusive ? v <= max : v < max;
      return aboveMin && belowMax;
    }

    /**
     * The range as LightGBM documents it, without the name: {@code > 0.0}, {@code > 0.0 and <= 1.0},
     * {@code -1 or >= 1}; {@code integral} prints bounds as integers.
     */
    public String describe(boolean integral) {
      List<String> parts = new ArrayList<>(2);
      if (min != Double.NEGATIVE_INFINITY) {
        parts.add((minInclusive ? ">= " : "> ") + bound(min, integral));
      }
      if (max != Double.POSITIVE_INFINITY) {
        parts.add((maxInclusive ? "<= " : "< ") + bound(max, integral));
      }
      String bounds = String.join(" and ", parts);
      return Double.isNaN(orValue) ? bounds : bound(orValue, integral) + " or " + bounds;
    }

    private static String bound(double v, boolean integral) {
      return integral ? Long.toString((long) v) : ValueSyntax.formatDouble(v);
    }
  }
}
