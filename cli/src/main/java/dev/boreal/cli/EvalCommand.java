package dev.boreal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.boreal.UsageException;
import dev.boreal.engine.metric.Metric;
import dev.boreal.engine.metric.Metrics;
import dev.boreal.engine.gbdt.Settings;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.params.Params;
import dev.boreal.io.ModelFormats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code boreal eval}: a model's metrics on a labelled data file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model on a labelled data file.")
final class EvalCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M", description = "The model file.")
  Path modelFile;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled rows.")
  Path data;

  @Option(names = "--metric", paramLabel = "M", split = ",", description = "Metrics, e.g. auc,binary_logloss "
      + "(default: the objective's metric, and auc for binary).")
  List<String> metrics = List.of();

  @Option(names = "--iterations", paramLabel = "N", description = "Use the first N iterations (default: best).")
  Integer iterations;

  @Option(names = "--json", description = "Print the metrics as JSON.")
  boolean json;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report of a "
      + "classifier's calibration: reliability diagrams with counts, ECE/MCE and the Brier decomposition.")
  Path report;

  @Mixin
  SchemaOptions schema;

  @Option(names = "--threads", paramLabel = "N", description = "Threads to read and score with (default: all "
      + "cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TrainedModel model = ModelFormats.loadAny(modelFile);
    if (report != null) {
      CalibrationOutput.check(model, modelFile, data, report);
    }
    var predictor = Scoring.predictor(model, iterations, false, modelFile);
    int used = Scoring.iterationsUsed(model, predictor);
    Scoring.Scored scored = Scoring.score(model, predictor, data,
        schema.toReadOptions(threads), false);
    if (scored.labels() == null && scored.numericLabels() == null) {
      throw new UsageException(data + ": eval needs the label column; name it with --label.");
    }
    double[] labels = Labels.encoded(model, scored.labels(), scored.numericLabels());
    int n = scored.rows();
    int k = model.numOutputs();
    double[] outputMajor = Labels.outputMajor(scored.raw(), n, k);
    Params params = Params.of(model.params());
    String names = metrics.isEmpty() ? defaultMetrics(model.objective()) : String.join(",", metrics);
    Map<String, Double> values = new LinkedHashMap<>();
    for (Metric m : Metrics.parse(names, model.objective(), Settings.objective(params), params.getIntList("eval_at"))) {
      values.put(m.name(), m.evaluate(outputMajor, k, model.link(), labels, scored.weights(), scored.groups()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (report != null) {
      CalibrationOutput.write(report, model, modelFile, data, outputMajor, labels, scored.weights());
    }
    if (json) {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", modelFile.toString());
      report.put("data", data.toString());
      report.put("rows", n);
      report.put("iterations", used);
      report.put("metrics", values);
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    } else {
      out.printf(Locale.ROOT, "%s on %s (%,d rows, %d %s)%n", modelFile, data, n, used,
          predictor != null ? "iterations" : "epochs");
      values.forEach((name, v) -> out.printf(Locale.ROOT, "  %-16s %.6f%n", name, v));
      if (report != null) {
        out.printf("Report written to %s%n", report);
      }
    }
    return 0;
  }

  private static String defaultMetrics(String objective) {
    switch (objective) {
      case "binary":
        return "auc,binary_logloss,binary_error";
      case "multiclass":
        return "multi_logloss,multi_error";
      case "lambdarank":
      case "rank_pairwise":
        return "ndcg,map";
      case "regression":
      case "regression_l1":
      case "huber":
        return "rmse,l1";
      default:
        return "";
    }
  }
}
