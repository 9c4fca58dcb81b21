package dev.boreal.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An XGBoost JSON model walked as XGBoost's predictor walks it: a node whose left child is -1 is a leaf whose
 * value is its {@code split_conditions} entry; a missing value (NaN) follows {@code default_left}; a numeric
 * split sends {@code (float) x < split} left; a categorical split ({@code split_type} 1) sends the categories
 * it lists right and every other value left. Output k (k = {@code tree_info[t]}) is the base margin plus the
 * sum of its trees' leaves; the base margin is the logit of {@code base_score} for logistic objectives, its
 * log for count objectives and the score itself otherwise, in float32.
 */
final class ReferenceXgboostModel extends ReferenceModel {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final JsonNode learner;

  ReferenceXgboostModel(byte[] file) throws IOException {
    learner = JSON.readTree(file).get("learner");
    names = new ArrayList<>();
    JsonNode params = learner.get("learner_model_param");
    String objective = learner.get("objective").get("name").textValue();
    outputs = objective.startsWith("multi:") ? Integer.parseInt(params.get("num_class").asText()) : 1;
    int features = Integer.parseInt(params.get("num_feature").asText());
    JsonNode given = learner.path("feature_names");
    JsonNode types = learner.path("feature_types");
    categorical = new boolean[features];
    for (int f = 0; f < features; f++) {
      names.add(given.isArray() && given.size() == features ? given.get(f).asText() : "f" + f);
    }
    JsonNode trees = learner.get("gradient_booster").get("model").get("trees");
    for (int f = 0; f < features && types.isArray() && f < types.size(); f++) {
      categorical[f] = types.get(f).asText().equals("c");
    }
    for (JsonNode tree : trees) {
      for (int n = 0; n < tree.path("split_type").size(); n++) {
        if (tree.get("split_type").get(n).intValue() == 1 && tree.get("left_children").get(n).intValue() != -1) {
          categorical[tree.get("split_indices").get(n).intValue()] = true;
        }
      }
    }
  }

  @Override
  public double[] score(FuzzRows rows) {
    JsonNode model = learner.get("gradient_booster").get("model");
    double base = baseMargin();
    double[] x = rows.codes(categorical);
    int nf = categorical.length;
    double[] out = new double[rows.rows() * outputs];
    for (int r = 0; r < rows.rows(); r++) {
      for (int k = 0; k < outputs; k++) {
        out[r * outputs + k] = base;
      }
      for (int t = 0; t < model.get("trees").size(); t++) {
        int k = model.get("tree_info").get(t).intValue();
        out[r * outputs + k] += leafValue(model.get("trees").get(t), x, r * nf);
      }
    }
    return out;
  }

  private double baseMargin() {
    String text = learner.get("learner_model_param").get("base_score").asText().replace("[", "").replace("]", "");
    float score = Float.parseFloat(text.trim());
    switch (learner.get("objective").get("name").textValue()) {
      case "binary:logistic":
      case "reg:logistic":
        return (float) -Math.log(1.0f / score - 1.0f);
      case "count:poisson":
      case "reg:tweedie":
      case "reg:gamma":
        return (float) Math.log(score);
      default:
        return score;
    }
  }

  private static double leafValue(JsonNode tree, double[] x, int offset) {
    JsonNode left = tree.get("left_children");
    int nodes = left.size();
    int node = 0;
    for (int steps = 0; left.get(node).intValue() != -1; steps++) {
      ReferenceModel.checkSteps(steps, nodes);
      double v = x[offset + tree.get("split_indices").get(node).intValue()];
      boolean goesLeft;
      if (Double.isNaN(v)) {
        goesLeft = tree.get("default_left").get(node).intValue() != 0;
      } else if (tree.path("split_type").path(node).intValue() == 1) {
        goesLeft = !categories(tree, node).contains(v);
      } else {
        goesLeft = (float) v < split(tree, node);
      }
      node = goesLeft ? left.get(node).intValue() : tree.get("right_children").get(node).intValue();
    }
    return split(tree, node);
  }

  private static float split(JsonNode tree, int node) {
    JsonNode v = tree.get("split_conditions").get(node);
    return v.isBigDecimal() ? Float.parseFloat(v.decimalValue().toString()) : (float) v.doubleValue();
  }

  /** The categories a categorical node lists, as the values of a row. */
  private static Set<Double> categories(JsonNode tree, int node) {
    JsonNode nodes = tree.get("categories_nodes");
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).intValue() == node) {
        int from = tree.get("categories_segments").get(i).intValue();
        int size = tree.get("categories_sizes").get(i).intValue();
        Set<Double> set = new HashSet<>();
        for (int c = from; c < from + size; c++) {
          set.add((double) tree.get("categories").get(c).intValue());
        }
        return set;
      }
    }
    throw new IllegalStateException("node " + node + " is categorical but lists no categories");
  }
}
