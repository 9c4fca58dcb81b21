package dev.boreal.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import dev.boreal.histogram.FeatureColumn;
import dev.boreal.io.Datasets;
import dev.boreal.io.ReadOptions;
import dev.boreal.io.SyntheticData;
import dev.boreal.io.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model trained on the synthetic Higgs-like data (28 numeric features with missing values, one text
 * category) and saved with the drift profile of its training data, a file of rows to score
 * ({@code serve-score.csv}), their batch predictions as {@code boreal predict} computes them, and the same rows
 * as JSON objects for requests.
 *
 * @param rows the scored rows as request objects: numbers, null for missing, the channel's name
 * @param batch the batch prediction of each row
 */
record ServeFixture(Model model, Path modelFile, List<ObjectNode> rows, double[] batch) {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Trains on {@code trainRows} rows and prepares {@code scoreRows} rows to score. */
  static ServeFixture create(Path dir, int trainRows, int scoreRows, int trees) throws IOException {
    Path train = dir.resolve("serve-train.csv");
    Path score = dir.resolve("serve-score.csv");
    SyntheticData.writeCsv(train, trainRows, 21);
    SyntheticData.writeCsv(score, scoreRows, 22);
    ReadOptions options = ReadOptions.defaults().withLabel(SyntheticData.LABEL).withThreads(2);
    Model model;
    Path modelFile = dir.resolve("serve-model.json");
    try (Table t = Boreal.read(train, options)) {
      model = Boreal.gradientBoosting().objective("binary").numIterations(trees).numLeaves(31).threads(2).build()
          .fit(t);
      Boreal.save(model, Boreal.profile(model, t), modelFile);
    }
    try (Table t = Boreal.read(score, options)) {
      List<FeatureColumn> columns = Datasets.columnsFor(t, model.featureNames(), model.mappers());
      double[] batch = new double[t.rowCount()];
      model.predictor().predict(columns, batch);
      return new ServeFixture(model, modelFile, rows(t, columns), batch);
    }
  }

  private static List<ObjectNode> rows(Table t, List<FeatureColumn> columns) {
    int n = t.rowCount();
    List<ObjectNode> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      rows.add(JSON.createObjectNode());
    }
    double[] values = new double[n];
    int[] codes = new int[n];
    for (FeatureColumn c : columns) {
      if (c.isCategorical()) {
        c.readCodes(0, n, codes);
        String[] names = c.categories();
        for (int r = 0; r < n; r++) {
          rows.get(r).put(c.name(), codes[r] < 0 ? null : names[codes[r]]);
        }
      } else {
        c.readValues(0, n, values);
        for (int r = 0; r < n; r++) {
          if (Double.isNaN(values[r])) {
            rows.get(r).putNull(c.name());
          } else {
            rows.get(r).put(c.name(), values[r]);
          }
        }
      }
    }
    return rows;
  }

  /** {@code {"rows": [rows[from], ..., rows[to-1]]}}. */
  String body(int from, int to) {
    ObjectNode root = JSON.createObjectNode();
    rows.subList(from, to).forEach(root.putArray("rows")::add);
    return root.toString();
  }
}
