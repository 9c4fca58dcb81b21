package dev.boreal.engine.params;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Resolution, parsing, getters, copies and the model-file form of {@link Params}. */
class ParamsTest {

  private static Params of(String... nameValuePairs) {
    Map<String, String> raw = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      raw.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return Params.of(raw);
  }

  private static UsageException usageError(String... nameValuePairs) {
    return assertThrows(UsageException.class, () -> of(nameValuePairs));
  }

  @ParameterizedTest
  @CsvSource({
    "eta, learning_rate, 0.05",
    "shrinkage_rate, learning_rate, 0.05",
    "colsample_bytree, feature_fraction, 0.5",
    "min_child_weight, min_sum_hessian_in_leaf, 2.5",
    "reg_lambda, lambda_l2, 3.0",
    "reg_alpha, lambda_l1, 0.25",
    "gamma, min_gain_to_split, 0.75",
    "subsample, bagging_fraction, 0.8",
  })
  void doubleAliasesSetTheCanonicalParameter(String alias, String canonical, double value) {
    Params p = of(alias, Double.toString(value));
    assertEquals(value, p.getDouble(canonical));
    assertTrue(p.isSet(canonical));
  }

  @ParameterizedTest
  @CsvSource({
    "n_estimators, num_iterations, 250",
    "num_boost_round, num_iterations, 250",
    "max_leaves, num_leaves, 63",
    "nthread, num_threads, 4",
    "n_jobs, num_threads, 4",
    "min_child_samples, min_data_in_leaf, 7",
    "max_bins, max_bin, 63",
  })
  void intAliasesSetTheCanonicalParameter(String alias, String canonical, int value) {
    assertEquals(value, of(alias, Integer.toString(value)).getInt(canonical));
  }

  @Test
  void seedAliasesAcceptLongs() {
    assertEquals(42L, of("random_state", "42").getLong("seed"));
    assertEquals(-9_000_000_000L, of("random_seed", "-9000000000").getLong("seed"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ETA", "Learning-Rate", "learning-rate", " eta ", "LEARNING_RATE", "Shrinkage-Rate"})
  void namesIgnoreCaseAndDashes(String name) {
    assertEquals(0.3, of(name, "0.3").getDouble("learning_rate"));
  }

  @Test
  void defaultsAreTheTableDefaultsAndNotSet() {
    Params p = Params.defaults();
    assertEquals(100, p.getInt("num_iterations"));
    assertEquals(0.1, p.getDouble("learning_rate"));
    assertEquals(31, p.getInt("num_leaves"));
    assertEquals(-1, p.getInt("max_depth"));
    assertEquals(1e-3, p.getDouble("min_sum_hessian_in_leaf"));
    assertEquals("regression", p.getString("objective"));
    assertEquals("", p.getString("metric"));
    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, p.getIntList("eval_at"));
    assertArrayEquals(new int[] {64, 64}, p.getIntList("hidden"));
    assertEquals(0, p.getIntLists("interaction_constraints").length);
    assertFalse(p.isSet("learning_rate"));
    assertEquals(p, Params.of(Map.of()));
  }

  @Test
  void labelGainDefaultsToTwoToTheIMinusOne() {
    double[] gain = Params.defaults().getDoubleList("label_gain");
    assertEquals(31, gain.length);
    for (int i = 0; i < gain.length; i++) {
      assertEquals(Math.pow(2, i) - 1, gain[i], "label_gain[" + i + "]");
    }
  }

  @Test
  void rangeMessageNamesParameterAliasValueAndRange() {
    assertEquals("learning_rate must be > 0.0; got -1 (from 'eta').", usageError("eta", "-1").getMessage());
    assertEquals("bagging_fraction must be > 0.0 and <= 1.0; got 1.5 (from 'subsample').",
        usageError("subsample", "1.5").getMessage());
    assertEquals("max_depth must be -1 or >= 1; got 0.", usageError("max_depth", "0").getMessage());
    assertEquals("tweedie_variance_power must be >= 1.0 and < 2.0; got 2.",
        usageError("tweedie_variance_power", "2").getMessage());
    assertEquals("monotone_constraints must have every value >= -1 and <= 1; got 2 in '1,2' (from 'mc').",
        usageError("mc", "1,2").getMessage());
  }

  @Test
  void syntaxErrorsSayWhatIsExpected() {
    assertEquals("num_leaves must be an integer >= 2 and <= 131072; got '12.5' (from 'max_leaves').",
        usageError("max_leaves", "12.5").getMessage());
    assertEquals("learning_rate must be a finite number > 0.0; got 'NaN'.",
        usageError("learning_rate", "NaN").getMessage());
    assertEquals("extra_trees must be true or false (also 1/0, yes/no); got 'maybe'.",
        usageError("extra_trees", "maybe").getMessage());
    assertTrue(usageError("seed", "abc").getMessage().startsWith("seed must be an integer; got 'abc'"));
    assertTrue(usageError("num_leaves", "").getMessage().contains("got ''"));
  }

  @ParameterizedTest
  @CsvSource({"true, true", "FALSE, false", "1, true", "0, false", "yes, true", "No, false"})
  void booleansAcceptCommonSpellings(String text, boolean expected) {
    assertEquals(expected, of("extra_trees", text).getBoolean("extra_trees"));
  }

  @ParameterizedTest
  @CsvSource({
    "grow_policy, lossguide, leafwise",
    "grow_policy, LossGuide, leafwise",
    "grow_policy, depthwise, depthwise",
    "boosting, gbrt, gbdt",
    "boosting_type, random_forest, rf",
    "boosting, RF, rf",
    "algorithm, MLP, mlp",
    "objective, reg:squarederror, regression",
    "objective, mse, regression",
    "objective, l1, regression_l1",
    "objective, binary:logistic, binary",
    "objective, multi:softprob, multiclass",
    "objective, softmax, multiclass",
    "objective, rank:ndcg, lambdarank",
    "objective, count:poisson, poisson",
    "criterion, mse, squared_error",
    "criterion, variance, squared_error",
    "solver, sgd, sgd",
  })
  void enumSynonymsResolveToCanonicalValues(String name, String text, String expected) {
    String canonical = ParameterTable.resolve(name).name();
    assertEquals(expected, of(name, text).getString(canonical));
  }

  @Test
  void badEnumValueListsTheValuesAndSuggestsOne() {
    String message = usageError("grow_policy", "depthwsie").getMessage();
    assertEquals("grow_policy must be one of leafwise, depthwise; got 'depthwsie' (did you mean 'depthwise'?).",
        message);
  }

  @Test
  void listsParseCommaSeparatedValues() {
    Params p = of("monotone_constraints", "1, 0,-1", "eval_at", "1,3,10", "label_gain", "0,1.5,3",
        "interaction_constraints", "[0,1,2],[2,3]");
    assertArrayEquals(new int[] {1, 0, -1}, p.getIntList("monotone_constraints"));
    assertArrayEquals(new int[] {1, 3, 10}, p.getIntList("eval_at"));
    assertArrayEquals(new double[] {0, 1.5, 3}, p.getDoubleList("label_gain"));
    assertArrayEquals(new int[][] {{0, 1, 2}, {2, 3}}, p.getIntLists("interaction_constraints"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[[0,1],[2]]", " [0 , 1] , [ 2 ] "})
  void interactionConstraintsAcceptOuterBracketsAndBlanks(String text) {
    assertArrayEquals(new int[][] {{0, 1}, {2}}, of("interaction_constraints", text).getIntLists(
        "interaction_constraints"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[0,1", "0,1", "[0,1],", "[0,1][2]", "[]", "[0,a]", "[0,,1]", "[0,1],x"})
  void malformedInteractionConstraintsAreRejected(String text) {
    assertEquals("interaction_constraints must be bracketed lists of feature indices such as [0,1,2],[2,3]; got '"
        + text.trim() + "'.", usageError("interaction_constraints", text).getMessage());
  }

  @Test
  void negativeFeatureIndexInInteractionConstraintsIsOutOfRange() {
    assertTrue(usageError("interaction_constraints", "[0,-1]").getMessage()
        .startsWith("interaction_constraints must have every value >= 0; got -1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1,,2", "1,2,", ",1", "1;2", "1 2", "1,x"})
  void malformedIntListsAreRejected(String text) {
    assertEquals("eval_at must be a comma-separated list of integers such as 1,0,-1; got '" + text + "'.",
        usageError("eval_at", text).getMessage());
  }

  @Test
  void unknownNameSuggestsTheClosestKnownName() {
    assertEquals("Unknown parameter 'learning_rat'; did you mean 'learning_rate'?",
        usageError("learning_rat", "0.1").getMessage());
    assertEquals("Unknown parameter 'colsample_by_tree'; did you mean 'colsample_bytree' (feature_fraction)?",
        usageError("colsample_by_tree", "0.5").getMessage());
    assertEquals("Unknown parameter 'zebra_stripes'; the help lists every parameter.",
        usageError("zebra_stripes", "1").getMessage());
  }

  @Test
  void oneParameterUnderTwoNamesWithDifferentValuesIsAnError() {
    assertEquals("learning_rate is given twice with different values: '0.2' as 'eta' and '0.3' as 'learning_rate'.",
        usageError("eta", "0.2", "learning_rate", "0.3").getMessage());
    assertTrue(usageError("ETA", "0.2", "eta", "0.3").getMessage().startsWith("learning_rate is given twice"));
  }

  @Test
  void oneParameterUnderTwoNamesWithEqualValuesIsAccepted() {
    assertEquals(0.2, of("eta", "0.2", "learning_rate", "0.20").getDouble("learning_rate"));
    assertEquals("leafwise", of("grow_policy", "lossguide", "grow-policy", "leafwise").getString("grow_policy"));
  }

  @Test
  void gettersRejectAliasesUnknownNamesAndWrongTypes() {
    Params p = Params.defaults();
    assertThrows(IllegalArgumentException.class, () -> p.getDouble("eta"));
    assertThrows(IllegalArgumentException.class, () -> p.getInt("no_such_parameter"));
    assertThrows(IllegalArgumentException.class, () -> p.getInt("learning_rate"));
    assertThrows(IllegalArgumentException.class, () -> p.getLong("num_leaves"));
    assertThrows(IllegalArgumentException.class, () -> p.getIntList("label_gain"));
    assertThrows(IllegalArgumentException.class, () -> p.isSet("n_estimators"));
  }

  @Test
  void returnedArraysAreCopies() {
    Params p = of("interaction_constraints", "[0,1]", "monotone_constraints", "1,0");
    p.getIntLists("interaction_constraints")[0][0] = 99;
    p.getIntList("monotone_constraints")[0] = 99;
    p.getDoubleList("label_gain")[1] = 99;
    assertEquals(0, p.getIntLists("interaction_constraints")[0][0]);
    assertEquals(1, p.getIntList("monotone_constraints")[0]);
    assertEquals(1.0, p.getDoubleList("label_gain")[1]);
  }

  @Test
  void withReturnsANewValidatedCopy() {
    Params base = of("num_leaves", "15");
    Params changed = base.with("eta", "0.02");
    assertEquals(0.1, base.getDouble("learning_rate"));
    assertFalse(base.isSet("learning_rate"));
    assertEquals(0.02, changed.getDouble("learning_rate"));
    assertTrue(changed.isSet("learning_rate"));
    assertEquals(15, changed.getInt("num_leaves"));
    assertEquals(7, changed.with("max_leaves", "7").getInt("num_leaves"));
    assertEquals("learning_rate must be > 0.0; got 0 (from 'eta').",
        assertThrows(UsageException.class, () -> base.with("eta", "0")).getMessage());
    assertThrows(UsageException.class, () -> base.with("etta_rate", "0.1"));
  }

  @Test
  void canonicalMapListsEveryParameterInTableOrderAndRoundTrips() {
    Params p = of("eta", "0.123456789", "objective", "multi:softprob", "num_class", "3", "random_state", "-7",
        "interaction_constraints", "[0,1,2],[2,3]", "monotone_constraints", "1,-1,0", "label_gain", "0,0.5,2",
        "adam_epsilon", "1e-12", "lambda_l2", "1e20", "metric", "auc,binary_logloss", "criterion", "mse",
        "extra_trees", "yes");
    Map<String, String> map = p.toCanonicalMap();
    List<String> names = ParameterTable.all().stream().filter(s -> s.recordedAs(s.defaultText()))
        .map(ParameterSpec::name).toList();
    assertEquals(names, List.copyOf(map.keySet()));
    assertEquals("multiclass", map.get("objective"));
    assertEquals("[0,1,2],[2,3]", map.get("interaction_constraints"));
    assertEquals("true", map.get("extra_trees"));
    Params back = Params.of(map);
    assertEquals(p, back);
    assertEquals(p.hashCode(), back.hashCode());
    assertEquals(map, back.toCanonicalMap());
    assertEquals(Params.defaults(), Params.of(Params.defaults().toCanonicalMap()));
  }

  @Test
  void quantizedTrainingIsRecordedOnlyWhenItDepartsFromItsDefaults() {
    Map<String, String> off = of("num_leaves", "7").toCanonicalMap();
    for (String name : List.of("use_quantized_grad", "num_grad_quant_bins", "quant_train_renew_leaf",
        "stochastic_rounding")) {
      assertFalse(off.containsKey(name), name + " at its default leaves model files as they were");
    }
    Params on = of("use_quantized_grad", "true", "num_grad_quant_bins", "8");
    Map<String, String> map = on.toCanonicalMap();
    assertEquals("true", map.get("use_quantized_grad"));
    assertEquals("8", map.get("num_grad_quant_bins"));
    assertFalse(map.containsKey("stochastic_rounding"));
    assertEquals(on, Params.of(map));
    assertEquals(4, Params.defaults().getInt("num_grad_quant_bins"));
    assertTrue(Params.defaults().getBoolean("stochastic_rounding"));
    assertFalse(Params.defaults().getBoolean("quant_train_renew_leaf"));
  }

  @Test
  void quantizationLevelsOutsideTwoTo127AreRefused() {
    assertEquals("num_grad_quant_bins must be >= 2 and <= 127; got 1.",
        assertThrows(UsageException.class, () -> of("num_grad_quant_bins", "1")).getMessage());
    assertThrows(UsageException.class, () -> of("num_grad_quant_bins", "128"));
    assertThrows(UsageException.class, () -> of("use_quantized_grad", "maybe"));
    assertEquals(127, of("num_grad_quant_bins", "127").getInt("num_grad_quant_bins"));
  }

  @Test
  void neuralNetSizesAreRecordedOnlyAwayFromTheirDefaults() {
    Map<String, String> atDefault = of("boosting", "ft-transformer", "d_token", "192").toCanonicalMap();
    assertEquals("ft-transformer", atDefault.get("boosting"));
    assertTrue(!atDefault.containsKey("d_token") && !atDefault.containsKey("numeric_embedding"), "omitted");
    Params changed = of("d_token", "64", "numeric_embedding", "plr");
    assertEquals("64", changed.toCanonicalMap().get("d_token"));
    assertEquals("plr", changed.toCanonicalMap().get("numeric_embedding"));
    assertEquals(changed, Params.of(changed.toCanonicalMap()));
  }

  @Test
  void inputModelTakesLightGbmAndXgboostNamesAndIsNotRecorded() {
    for (String name : List.of("input_model", "init_model", "xgb_model", "model_input", "model_in")) {
      assertEquals("old.json", of(name, "old.json").getString("input_model"), name);
    }
    Params p = of("xgb_model", "old.json", "num_leaves", "7");
    assertFalse(p.toCanonicalMap().containsKey("input_model"));
    assertEquals(of("num_leaves", "7"), Params.of(p.toCanonicalMap()));
    assertEquals("", Params.defaults().getString("input_model"));
  }

  @Test
  void equalityIsByValue() {
    assertEquals(Params.defaults(), of("learning_rate", "0.1"));
    assertNotEquals(Params.defaults(), of("learning_rate", "0.2"));
    assertEquals(of("boosting", "random_forest"), of("boosting_type", "rf"));
  }

  @Test
  void toStringListsOnlyGivenParameters() {
    assertEquals("Params{learning_rate=0.05, num_leaves=63}", of("max_leaves", "63", "eta", "0.05").toString());
  }
}
