package dev.boreal.engine.params;

import dev.boreal.InputException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads LightGBM-style config files, so a {@code train.conf} written for LightGBM works unchanged.
 *
 * <p>The format: one {@code name = value} per line (blanks around {@code =} optional), {@code #} starts a
 * comment that runs to the end of the line, blank lines are ignored. Names are not checked here; they go
 * through {@link Params#of} with the command-line values, after {@link #merge}.
 */
public final class ConfigFile {

  private ConfigFile() {}

  /**
   * The settings of a config file, in file order.
   *
   * @throws InputException if the file cannot be read, a line is not {@code name = value}, or a name is
   *     repeated with a different value; the message names the file and the line
   */
  public static Map<String, String> parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new InputException("Config file '" + file + "' is not UTF-8 text.", e);
    } catch (IOException e) {
      throw new InputException("Cannot read config file '" + file + "': " + e.getMessage() + ".", e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    for (int n = 1; n <= lines.size(); n++) {
      String line = stripComment(lines.get(n - 1));
      if (n == 1 && line.startsWith("\uFEFF")) {
        // Editors on Windows add a byte-order mark that would otherwise become part of the first name.
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = eq < 0 ? "" : line.substring(0, eq).trim();
      if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
        throw new InputException("Config file '" + file + "', line " + n + ": expected 'name = value' but got '"
            + line.trim() + "'.");
      }
      String value = line.substring(eq + 1).trim();
      String previous = settings.putIfAbsent(name, value);
      if (previous != null && !previous.equals(value)) {
        throw new InputException("Config file '" + file + "', line " + n + ": " + name + " = " + value
            + " contradicts " + name + " = " + previous + " on line " + lineOf.get(name) + ".");
      }
      lineOf.putIfAbsent(name, n);
    }
    return Collections.unmodifiableMap(settings);
  }

  /**
   * Config-file settings overridden by command-line ones: a file setting is dropped when the command line
   * gives the same parameter under any name or alias, so {@code eta} in the file and
   * {@code learning_rate} on the command line do not count as a conflict.
   *
   * @return file settings that survive, in file order, then every command-line setting in its order
   */
  public static Map<String, String> merge(Map<String, String> fromFile, Map<String, String> fromCommandLine) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : fromFile.entrySet()) {
      if (!givenIn(fromCommandLine, e.getKey())) {
        merged.put(e.getKey(), e.getValue());
      }
    }
    merged.putAll(fromCommandLine);
    return Collections.unmodifiableMap(merged);
  }

  /** Whether {@code settings} names the same parameter as {@code name}; unknown names match only themselves. */
  private static boolean givenIn(Map<String, String> settings, String name) {
    Optional<ParameterSpec> spec = ParameterTable.lookup(name);
    for (String other : settings.keySet()) {
      boolean same = spec.isPresent()
          ? spec.equals(ParameterTable.lookup(other))
          : ParameterTable.normalize(other).equals(ParameterTable.normalize(name));
      if (same) {
        return true;
      }
    }
    return false;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }
}
