package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.nn.Activation;
import dev.boreal.engine.nn.Loss;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.Network;
import dev.boreal.engine.nn.Preprocessing;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a model file that only an MLP ({@code "algorithm": "mlp"}) has: per feature how it becomes
 * network inputs ({@code preprocessing}), and the network itself ({@code network}). The fields every model
 * shares (header, params, eval_history, features) are written and read by {@link ModelFile} and
 * {@link ModelFileReader}; {@code docs/model-format.md} documents them all.
 */
final class MlpModelJson {
  private MlpModelJson() {}

  /** Writes the fields of the whole model into the object being written. */
  static void write(JsonGenerator g, MlpModel m) throws IOException {
    ModelFile.writeHeader(g, m);
    ModelFile.writeRecordAndSchema(g, m);
    Preprocessing prep = m.preprocessing();
    g.writeArrayFieldStart("preprocessing");
    for (int f = 0; f < prep.names().size(); f++) {
      g.writeStartObject();
      BinMapper mapper = prep.mappers().get(f);
      if (mapper.isCategorical()) {
        g.writeNumberField("one_hot", mapper.categories().length);
      } else {
        g.writeFieldName("mean");
        ModelFile.writeDouble(g, prep.mean(f));
        g.writeFieldName("scale");
        ModelFile.writeDouble(g, prep.scale(f));
        g.writeBooleanField("missing_indicator", prep.hasMissingIndicator(f));
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    Network net = m.network();
    g.writeObjectFieldStart("network");
    int[] sizes = net.sizes();
    ModelFile.writeLongs(g, "sizes", sizes.length, i -> sizes[i]);
    g.writeStringField("activation", net.activation().key());
    g.writeStringField("loss", net.loss().key());
    g.writeFieldName("output_shift");
    ModelFile.writeDouble(g, m.outputShift());
    g.writeFieldName("output_scale");
    ModelFile.writeDouble(g, m.outputScale());
    g.writeNumberField("epochs", m.epochs());
    g.writeNumberField("best_epoch", m.bestEpoch());
    g.writeArrayFieldStart("layers");
    for (int l = 0; l < net.numLayers(); l++) {
      g.writeStartObject();
      ModelFile.writeDoubles(g, "weights", net.weights(l));
      ModelFile.writeDoubles(g, "biases", net.biases(l));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** The MLP a document describes, every field checked; the header has been checked by the caller. */
  static MlpModel read(ModelFileReader r, JsonNode root) {
    Link link = r.link(root);
    int outputs = r.outputs(root);
    String[] classes = r.classes(root);
    String objective = r.text(root, "", "objective");
    Map<String, String> params = r.params(root);
    Map<String, Map<String, double[]>> history = r.history(root);
    List<String> names = new ArrayList<>();
    List<BinMapper> mappers = new ArrayList<>();
    r.features(root, names, mappers);
    Preprocessing prep = preprocessing(r, root, names, mappers);
    JsonNode net = r.object(root, "", "network");
    JsonNode sizeNodes = r.array(net, "network.", "sizes", -1);
    int[] sizes = r.ints(net, "network.", "sizes", sizeNodes.size());
    if (sizes.length < 2 || sizes[0] != prep.inputs() || sizes[sizes.length - 1] != outputs) {
      throw r.fail("network.sizes", "must run from the " + prep.inputs() + " inputs the preprocessing makes to the "
          + outputs + " outputs of num_outputs");
    }
    for (int s : sizes) {
      if (s < 1) {
        throw r.fail("network.sizes", "must hold sizes of at least 1, but it holds " + s);
      }
    }
    Activation activation;
    Loss loss;
    try {
      activation = Activation.of(r.text(net, "network.", "activation"));
      loss = Loss.of(r.text(net, "network.", "loss"));
    } catch (UsageException e) {
      throw r.fail("network", "names " + e.getMessage().substring(0, 1).toLowerCase(java.util.Locale.ROOT)
          + e.getMessage().substring(1, e.getMessage().length() - 1));
    }
    if (!loss.link().equals(link)) {
      throw r.fail("link", "must be " + loss.link().name() + " for a network trained under " + loss.key());
    }
    JsonNode layerNodes = r.array(net, "network.", "layers", sizes.length - 1L);
    double[][] weights = new double[sizes.length - 1][];
    double[][] biases = new double[sizes.length - 1][];
    for (int l = 0; l < weights.length; l++) {
      String path = "network.layers[" + l + "].";
      weights[l] = r.doubles(layerNodes.get(l), path, "weights", (long) sizes[l] * sizes[l + 1]);
      biases[l] = r.doubles(layerNodes.get(l), path, "biases", sizes[l + 1]);
    }
    try {
      Network network = Network.of(sizes, activation, loss, weights, biases);
      return new MlpModel(objective, classes, prep, network, r.number(r.field(net, "network.", "output_shift"),
          "network.output_shift"), r.number(r.field(net, "network.", "output_scale"), "network.output_scale"),
          r.integer(net, "network.", "epochs"), r.integer(net, "network.", "best_epoch"), params, history);
    } catch (IllegalArgumentException e) {
      throw new InputException(r.source() + ": holds an inconsistent mlp model (" + e.getMessage() + ").", e);
    }
  }

  private static Preprocessing preprocessing(ModelFileReader r, JsonNode root, List<String> names,
      List<BinMapper> mappers) {
    JsonNode nodes = r.array(root, "", "preprocessing", names.size());
    int f = names.size();
    double[] means = new double[f];
    double[] scales = new double[f];
    boolean[] indicators = new boolean[f];
    for (int j = 0; j < f; j++) {
      String path = "preprocessing[" + j + "].";
      JsonNode node = nodes.get(j);
      if (mappers.get(j).isCategorical()) {
        int width = r.integer(node, path, "one_hot");
        if (width != mappers.get(j).categories().length) {
          throw r.fail(path + "one_hot", "must be " + mappers.get(j).categories().length + ", the number of the "
              + "feature's categories, but it is " + width);
        }
        scales[j] = 1;
      } else {
        means[j] = r.number(r.field(node, path, "mean"), path + "mean");
        scales[j] = r.number(r.field(node, path, "scale"), path + "scale");
        indicators[j] = r.bool(r.field(node, path, "missing_indicator"), path + "missing_indicator");
        if (!Double.isFinite(means[j]) || !(scales[j] > 0) || !Double.isFinite(scales[j])) {
          throw r.fail(path + "scale", "must be a positive number and the mean finite, but they are " + scales[j]
              + " and " + means[j]);
        }
      }
    }
    return new Preprocessing(names, mappers, means, scales, indicators);
  }
}
