package dev.boreal.engine.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import dev.boreal.engine.params.ParameterSpec.Range;
import dev.boreal.engine.params.ParameterSpec.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table itself: names, defaults, every range check, and the help text generated from it. */
class ParameterTableTest {

  @Test
  void namesAndAliasesAreUniqueAndLookUpTheirSpec() {
    Set<String> seen = new HashSet<>();
    for (ParameterSpec s : ParameterTable.all()) {
      assertTrue(seen.add(s.name()), s.name());
      assertSame(s, ParameterTable.lookup(s.name()).orElseThrow());
      for (String alias : s.aliases()) {
        assertTrue(seen.add(alias), alias);
        assertSame(s, ParameterTable.lookup(alias).orElseThrow(), alias);
        assertSame(s, ParameterTable.lookup(alias.toUpperCase().replace('_', '-')).orElseThrow(), alias);
      }
    }
  }

  @Test
  void alphaBelongsToHuberAndQuantileNotToL1() {
    assertEquals("alpha", ParameterTable.lookup("alpha").orElseThrow().name());
    assertEquals("lambda_l1", ParameterTable.lookup("reg_alpha").orElseThrow().name());
    assertEquals("alpha", ParameterTable.lookup("quantile_alpha").orElseThrow().name());
  }

  @Test
  void unknownNamesAreEmptyOnLookupAndAUsageErrorOnResolve() {
    assertTrue(ParameterTable.lookup("learning_rat").isEmpty());
    UsageException e = assertThrows(UsageException.class, () -> ParameterTable.resolve("numleaves"));
    assertEquals("Unknown parameter 'numleaves'; did you mean 'num_leaves'?", e.getMessage());
  }

  @Test
  void tableIsInGroupOrderWithIndicesMatchingPositions() {
    List<ParameterSpec> all = ParameterTable.all();
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i).index());
      if (i > 0) {
        assertTrue(all.get(i - 1).group().compareTo(all.get(i).group()) <= 0, all.get(i).name());
      }
    }
  }

  @Test
  void everyEnumDefaultIsOneOfItsValues() {
    for (ParameterSpec s : ParameterTable.all()) {
      if (s.type() == Type.ENUM) {
        assertTrue(s.allowedValues().contains(s.defaultText()), s.name());
      } else {
        assertTrue(s.allowedValues().isEmpty(), s.name());
      }
    }
  }

  @Test
  void helpTextListsEveryParameterWithItsAliasesGroupsAndDefaults() {
    String help = ParameterTable.helpText();
    for (ParameterSpec s : ParameterTable.all()) {
      assertTrue(help.contains("\n  " + s.name() + " "), s.name());
      for (String alias : s.aliases()) {
        assertTrue(help.contains(alias), alias);
      }
      assertTrue(help.contains(s.group().title() + " parameters\n"), s.group().title());
    }
    assertTrue(help.contains("lossguide"));
    assertTrue(help.contains("0,1,3,7,15,..."));
    assertTrue(help.contains("> 0.0 and <= 1.0"));
    for (String line : help.split("\n")) {
      assertTrue(line.length() <= 118, line);
      assertFalse(line.endsWith(" "), line);
    }
  }

  @Test
  void helpListsEveryDefaultThatDepartsFromLightGbmWithItsReason() {
    String help = ParameterTable.helpText();
    String section = help.substring(help.indexOf("\nDefaults that differ from LightGBM's"));
    int departures = 0;
    for (ParameterSpec s : ParameterTable.all()) {
      if (s.departure() != null) {
        departures++;
        assertTrue(section.contains("\n  " + s.name() + ": "), s.name());
        assertTrue(section.contains("(LightGBM: " + s.departure().lightgbmDefault() + ")"), s.name());
      }
    }
    assertTrue(departures > 0);
    String row = help.substring(help.indexOf("\n  min_sum_hessian_in_leaf "), help.indexOf("\n  bagging_fraction "))
        .replaceAll("\\s+", " ");
    assertTrue(row.startsWith(" min_sum_hessian_in_leaf auto >= 0.0 Smallest hessian sum a leaf may hold. Auto: "
        + "binary: the mean sample weight (1 without weights); otherwise 1e-3."), row);
    String cap = help.substring(help.indexOf("\n  max_delta_step "), help.indexOf("\n  lambda_l1 "))
        .replaceAll("\\s+", " ");
    assertTrue(cap.startsWith(" max_delta_step auto Largest absolute leaf output; <= 0 means no limit. Auto: "
        + "multiclass: 2; otherwise 0 (no limit)."), cap);
  }

  /** Every bound of every parameter, with a value just outside it. */
  static Stream<Arguments> violatedBounds() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (ParameterSpec s : ParameterTable.all()) {
      Range r = s.range();
      if (r == null) {
        continue;
      }
      boolean integral = s.type() == Type.INT || s.type() == Type.INT_LIST || s.type() == Type.INT_LISTS;
      double step = integral ? 1 : 0.5;
      if (r.min() != Double.NEGATIVE_INFINITY) {
        cases.add(Arguments.of(s, r.minInclusive() ? r.min() - step : r.min(), integral));
      }
      if (r.max() != Double.POSITIVE_INFINITY) {
        cases.add(Arguments.of(s, r.maxInclusive() ? r.max() + step : r.max(), integral));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("violatedBounds")
  void everyRangeCheckNamesParameterAliasValueAndRange(ParameterSpec spec, double bad, boolean integral) {
    String number = integral ? Long.toString((long) bad) : Double.toString(bad);
    // A list is checked element by element, so a one-element list carries the bad value.
    String text = spec.type() == Type.INT_LISTS ? "[" + number + "]" : number;
    String writtenAs = spec.aliases().isEmpty() ? spec.name() : spec.aliases().get(0);
    UsageException e = assertThrows(UsageException.class, () -> Params.of(Map.of(writtenAs, text)));
    String message = e.getMessage();
    assertTrue(message.startsWith(spec.name() + " must "), message);
    assertTrue(message.contains(spec.range().describe(integral)), message);
    assertTrue(message.contains("got " + number) || message.contains("got " + ValueSyntax.formatNumber(bad)),
        message);
    assertEquals(!writtenAs.equals(spec.name()), message.contains("(from '" + writtenAs + "')"), message);
    assertTrue(message.endsWith("."), message);
  }

  @Test
  void rangeDescriptionsFollowLightGbmNotation() {
    assertEquals("> 0.0 and <= 1.0", ParameterTable.lookup("bagging_fraction").orElseThrow().rangeText());
    assertEquals("-1 or >= 1", ParameterTable.lookup("max_depth").orElseThrow().rangeText());
    assertEquals("each >= -1 and <= 1", ParameterTable.lookup("mc").orElseThrow().rangeText());
    assertEquals("", ParameterTable.lookup("seed").orElseThrow().rangeText());
  }
}
