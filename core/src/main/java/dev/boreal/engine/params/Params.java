package dev.boreal.engine.params;

import dev.boreal.UsageException;
import dev.boreal.engine.params.ParameterSpec.Type;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, validated set of values for every parameter in {@link ParameterTable}: the ones the user
 * gave, and the defaults for the rest.
 *
 * <p>Values come in as text under any name or alias ({@link #of}); every value is parsed and range-checked
 * there, so a {@code Params} that exists is valid. Code reads values by canonical name with a typed getter;
 * asking for an unknown name or with the wrong type is a programming error and throws
 * {@link IllegalArgumentException}. Two instances are equal when every parameter has the same value, whether
 * or not it was given explicitly. Instances are safe to share between threads.
 */
public final class Params {

  private static final List<ParameterSpec> SPECS = ParameterTable.all();
  private static final Params DEFAULTS = new Params(defaultValues(), new boolean[SPECS.size()]);

  /** Parsed values by {@link ParameterSpec#index()}; arrays inside are never handed out, only copies. */
  private final Object[] values;
  /** Which parameters the user gave, by index; defaults that were repeated explicitly count as given. */
  private final boolean[] given;
  /** Canonical text of each value; equality and the model-file form both rest on it. */
  private final String[] canonical;

  private Params(Object[] values, boolean[] given) {
    this.values = values;
    this.given = given;
    this.canonical = new String[values.length];
    for (ParameterSpec s : SPECS) {
      canonical[s.index()] = s.format(values[s.index()]);
    }
  }

  /** Every parameter at its default. */
  public static Params defaults() {
    return DEFAULTS;
  }

  /**
   * Parses and checks user-written values.
   *
   * @param raw parameter name or alias (any case, {@code -} or {@code _}) to value text; iteration order
   *     decides which error is reported first when several values are wrong
   * @throws UsageException for an unknown name (suggesting the closest known one), a malformed or
   *     out-of-range value (naming the parameter, the alias used, the value and the accepted range), or one
   *     parameter given under two names with different values
   * @throws NullPointerException if a value is null, which no command line or config file produces
   */
  public static Params of(Map<String, String> raw) {
    Object[] values = defaultValues();
    boolean[] given = new boolean[SPECS.size()];
    String[] writtenAs = new String[SPECS.size()];
    String[] texts = new String[SPECS.size()];
    for (Map.Entry<String, String> e : raw.entrySet()) {
      String name = e.getKey().trim();
      String text = Objects.requireNonNull(e.getValue(), () -> "value of " + name).trim();
      ParameterSpec spec = ParameterTable.resolve(name);
      Object value = spec.parse(text, name);
      int i = spec.index();
      // The same value twice (say eta=0.1 and learning_rate=0.1) is harmless; different values are ambiguous.
      if (given[i] && !spec.format(value).equals(spec.format(values[i]))) {
        throw new UsageException(spec.name() + " is given twice with different values: '" + texts[i] + "' as '"
            + writtenAs[i] + "' and '" + text + "' as '" + name + "'.");
      }
      values[i] = value;
      given[i] = true;
      writtenAs[i] = name;
      texts[i] = text;
    }
    return new Params(values, given);
  }

  /**
   * A copy with one more value, checked as {@link #of} checks it; an earlier value of the same parameter,
   * under any name, is replaced.
   *
   * @throws UsageException for an unknown name or a malformed or out-of-range value
   */
  public Params with(String nameOrAlias, String value) {
    ParameterSpec spec = ParameterTable.resolve(nameOrAlias);
    Object parsed = spec.parse(value, nameOrAlias.trim());
    Object[] newValues = values.clone();
    boolean[] newGiven = given.clone();
    newValues[spec.index()] = parsed;
    newGiven[spec.index()] = true;
    return new Params(newValues, newGiven);
  }

  /** A 32-bit integer parameter such as {@code num_leaves}. */
  public int getInt(String name) {
    return (Integer) value(name, Type.INT);
  }

  /** A 64-bit integer parameter; the seeds are of this type. */
  public long getLong(String name) {
    return (Long) value(name, Type.LONG);
  }

  /** A real-valued parameter such as {@code learning_rate}. */
  public double getDouble(String name) {
    return (Double) value(name, Type.DOUBLE);
  }

  /** A boolean parameter such as {@code extra_trees}. */
  public boolean getBoolean(String name) {
    return (Boolean) value(name, Type.BOOLEAN);
  }

  /** An enum parameter's canonical value (synonyms already resolved), or a free-text parameter's text. */
  public String getString(String name) {
    return (String) value(name, Type.ENUM, Type.STRING);
  }

  /** A list of reals such as {@code label_gain}; a fresh copy each call. */
  public double[] getDoubleList(String name) {
    return ((double[]) value(name, Type.DOUBLE_LIST)).clone();
  }

  /** A list of integers such as {@code monotone_constraints}; a fresh copy each call. */
  public int[] getIntList(String name) {
    return ((int[]) value(name, Type.INT_LIST)).clone();
  }

  /** Lists of integers such as {@code interaction_constraints}; a fresh deep copy each call. */
  public int[][] getIntLists(String name) {
    int[][] lists = ((int[][]) value(name, Type.INT_LISTS)).clone();
    for (int i = 0; i < lists.length; i++) {
      lists[i] = lists[i].clone();
    }
    return lists;
  }

  /** Whether the parameter was given explicitly (under any name), rather than left at its default. */
  public boolean isSet(String name) {
    return given[spec(name).index()];
  }

  /**
   * Canonical name to canonical value text for every parameter {@linkplain ParameterSpec#recordedAs recorded}
   * at its value, in table order: what a model file stores. {@code Params.of(p.toCanonicalMap())} equals {@code p} with
   * its unrecorded parameters ({@code input_model}) left at their defaults.
   */
  public Map<String, String> toCanonicalMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (ParameterSpec s : SPECS) {
      if (s.recordedAs(canonical[s.index()])) {
        map.put(s.name(), canonical[s.index()]);
      }
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && Arrays.equals(canonical, p.canonical);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(canonical);
  }

  /** The explicitly given parameters, for logs: {@code Params{learning_rate=0.05, num_leaves=63}}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Params{");
    for (ParameterSpec spec : SPECS) {
      if (given[spec.index()]) {
        s.append(s.length() == "Params{".length() ? "" : ", ").append(spec.name()).append('=')
            .append(canonical[spec.index()]);
      }
    }
    return s.append('}').toString();
  }

  private Object value(String name, Type... accepted) {
    ParameterSpec spec = spec(name);
    for (Type t : accepted) {
      if (spec.type() == t) {
        return values[spec.index()];
      }
    }
    throw new IllegalArgumentException(name + " is of type " + spec.type() + ", not " + Arrays.toString(accepted));
  }

  /** Getters take canonical names only, so that code greps cleanly; aliases are for users. */
  private static ParameterSpec spec(String name) {
    ParameterSpec spec = ParameterTable.lookup(name).orElse(null);
    if (spec == null || !spec.name().equals(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a canonical parameter name"
          + (spec == null ? "" : "; use " + spec.name()));
    }
    return spec;
  }

  private static Object[] defaultValues() {
    Object[] values = new Object[SPECS.size()];
    for (ParameterSpec s : SPECS) {
      values[s.index()] = s.defaultValue();
    }
    return values;
  }
}
