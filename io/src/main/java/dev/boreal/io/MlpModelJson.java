package dev.boreal.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.boreal.InputException;
import dev.boreal.UsageException;
import dev.boreal.engine.nn.Activation;
import dev.boreal.engine.nn.Loss;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.engine.nn.Network;
import dev.boreal.engine.nn.NeuralNet;
import dev.boreal.engine.nn.Preprocessing;
import dev.boreal.engine.nn.Transformer;
import dev.boreal.engine.objective.Link;
import dev.boreal.histogram.BinMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a model file that only a neural net has ({@code "algorithm": "mlp"} or
 * {@code "ft-transformer"}): per feature how it becomes network inputs ({@code preprocessing}), and the
 * network itself ({@code network} for the MLP, {@code transformer} for the FT-Transformer). The fields every
 * model shares (header, params, eval_history, features) are written and read by {@link ModelFile} and
 * {@link ModelFileReader}; {@code docs/model-format.md} documents them all.
 */
final class MlpModelJson {
  /** The format version of a transformer, periodic embeddings or quantile-normalised inputs. */
  static final int FORMAT_VERSION = 4;
  static final String TRANSFORMER = "ft-transformer";

  private MlpModelJson() {}

  /** Whether the model needs {@link #FORMAT_VERSION}: an older reader would score it wrongly or not at all. */
  static boolean needsVersion4(MlpModel m) {
    if (!(m.network() instanceof Network net) || net.embeddedColumns().length > 0) {
      return true;
    }
    for (int f = 0; f < m.preprocessing().names().size(); f++) {
      if (m.preprocessing().quantiles(f) != null) {
        return true;
      }
    }
    return false;
  }

  /** Writes the fields of the whole model into the object being written. */
  static void write(JsonGenerator g, MlpModel m) throws IOException {
    ModelJsonWriter.writeHeader(g, m);
    ModelJsonWriter.writeRecordAndSchema(g, m);
    Preprocessing prep = m.preprocessing();
    g.writeArrayFieldStart("preprocessing");
    for (int f = 0; f < prep.names().size(); f++) {
      g.writeStartObject();
      BinMapper mapper = prep.mappers().get(f);
      if (mapper.isCategorical()) {
        g.writeNumberField("one_hot", mapper.categories().length);
      } else {
        g.writeFieldName("mean");
        ModelJsonWriter.writeDouble(g, prep.mean(f));
        g.writeFieldName("scale");
        ModelJsonWriter.writeDouble(g, prep.scale(f));
        g.writeBooleanField("missing_indicator", prep.hasMissingIndicator(f));
        if (prep.quantiles(f) != null) {
          ModelJsonWriter.writeDoubles(g, "quantiles", prep.quantiles(f));
        }
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (m.network() instanceof Transformer t) {
      writeTransformer(g, m, t);
    } else {
      writeNetwork(g, m, (Network) m.network());
    }
  }

  private static void writeNetwork(JsonGenerator g, MlpModel m, Network net) throws IOException {
    g.writeObjectFieldStart("network");
    int[] sizes = net.sizes();
    ModelJsonWriter.writeLongs(g, "sizes", sizes.length, i -> sizes[i]);
    g.writeStringField("activation", net.activation().key());
    writeRun(g, m);
    g.writeArrayFieldStart("layers");
    for (int l = 0; l < net.numLayers(); l++) {
      g.writeStartObject();
      ModelJsonWriter.writeDoubles(g, "weights", net.weights(l));
      ModelJsonWriter.writeDoubles(g, "biases", net.biases(l));
      g.writeEndObject();
    }
    g.writeEndArray();
    int[] embedded = net.embeddedColumns();
    if (embedded.length > 0) {
      g.writeObjectFieldStart("numeric_embedding");
      g.writeStringField("kind", "plr");
      ModelJsonWriter.writeLongs(g, "inputs", embedded.length, i -> embedded[i]);
      g.writeNumberField("frequencies", net.embeddingFrequencies());
      g.writeNumberField("width", net.embeddingWidth());
      ModelJsonWriter.writeDoubles(g, "parameters", net.embeddingParameters());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeTransformer(JsonGenerator g, MlpModel m, Transformer t) throws IOException {
    g.writeObjectFieldStart("transformer");
    g.writeNumberField("n_blocks", t.blocks());
    g.writeNumberField("d_token", t.dToken());
    g.writeNumberField("n_heads", t.heads());
    g.writeNumberField("ffn_hidden", t.hidden());
    g.writeNumberField("plr_frequencies", t.embeddingFrequencies());
    writeRun(g, m);
    ModelJsonWriter.writeDoubles(g, "parameters", t.parameters());
    g.writeEndObject();
  }

  /** The fields both kinds of network share: loss, output shift and scale, epochs. */
  private static void writeRun(JsonGenerator g, MlpModel m) throws IOException {
    g.writeStringField("loss", m.network().loss().key());
    g.writeFieldName("output_shift");
    ModelJsonWriter.writeDouble(g, m.outputShift());
    g.writeFieldName("output_scale");
    ModelJsonWriter.writeDouble(g, m.outputScale());
    g.writeNumberField("epochs", m.epochs());
    g.writeNumberField("best_epoch", m.bestEpoch());
  }

  /** The neural net a document describes, every field checked; the header has been checked by the caller. */
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
    boolean transformer = TRANSFORMER.equals(root.path("algorithm").textValue());
    String field = transformer ? "transformer" : "network";
    String path = field + ".";
    JsonNode net = r.object(root, "", field);
    Loss loss;
    try {
      loss = Loss.of(r.text(net, path, "loss"));
    } catch (UsageException e) {
      throw r.fail(path + "loss", "names " + lowerFirst(e.getMessage()));
    }
    if (!loss.link().equals(link)) {
      throw r.fail("link", "must be " + loss.link().name() + " for a network trained under " + loss.key());
    }
    try {
      NeuralNet network = transformer ? transformer(r, net, prep, outputs, loss) : network(r, net, prep, outputs,
          loss);
      return new MlpModel(objective, classes, prep, network, r.number(r.field(net, path, "output_shift"),
          path + "output_shift"), r.number(r.field(net, path, "output_scale"), path + "output_scale"),
          r.integer(net, path, "epochs"), r.integer(net, path, "best_epoch"), params, history);
    } catch (IllegalArgumentException e) {
      throw new InputException(r.source() + ": holds an inconsistent " + (transformer ? TRANSFORMER : "mlp")
          + " model (" + e.getMessage() + ").", e);
    }
  }

  private static String lowerFirst(String message) {
    return message.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + message.substring(1, message.length() - 1);
  }

  private static Transformer transformer(ModelFileReader r, JsonNode net, Preprocessing prep, int outputs,
      Loss loss) {
    String path = "transformer.";
    int blocks = r.integer(net, path, "n_blocks");
    int d = r.integer(net, path, "d_token");
    int heads = r.integer(net, path, "n_heads");
    int hidden = r.integer(net, path, "ffn_hidden");
    int frequencies = r.integer(net, path, "plr_frequencies");
    double[] params = r.doubles(net, path, "parameters", -1);
    return Transformer.of(prep, blocks, d, heads, hidden, outputs, frequencies, loss, params);
  }

  private static Network network(ModelFileReader r, JsonNode net, Preprocessing prep, int outputs, Loss loss) {
    JsonNode sizeNodes = r.array(net, "network.", "sizes", -1);
    int[] sizes = r.ints(net, "network.", "sizes", sizeNodes.size());
    JsonNode embedding = net.get("numeric_embedding");
    int[] embedded = new int[0];
    int frequencies = 0;
    int width = 0;
    double[] embeddingParams = new double[0];
    if (embedding != null) {
      String path = "network.numeric_embedding.";
      if (!"plr".equals(r.text(embedding, path, "kind"))) {
        throw r.fail(path + "kind", "must be \"plr\"");
      }
      JsonNode inputs = r.array(embedding, path, "inputs", -1);
      embedded = r.ints(embedding, path, "inputs", inputs.size());
      frequencies = r.integer(embedding, path, "frequencies");
      width = r.integer(embedding, path, "width");
      embeddingParams = r.doubles(embedding, path, "parameters", -1);
    }
    int firstLayer = prep.inputs() - embedded.length + embedded.length * width;
    if (sizes.length < 2 || sizes[0] != firstLayer || sizes[sizes.length - 1] != outputs) {
      throw r.fail("network.sizes", "must run from the " + firstLayer + " inputs the preprocessing (and "
          + "embeddings) make to the " + outputs + " outputs of num_outputs");
    }
    for (int s : sizes) {
      if (s < 1) {
        throw r.fail("network.sizes", "must hold sizes of at least 1, but it holds " + s);
      }
    }
    Activation activation;
    try {
      activation = Activation.of(r.text(net, "network.", "activation"));
    } catch (UsageException e) {
      throw r.fail("network.activation", "names " + lowerFirst(e.getMessage()));
    }
    JsonNode layerNodes = r.array(net, "network.", "layers", sizes.length - 1L);
    double[][] weights = new double[sizes.length - 1][];
    double[][] biases = new double[sizes.length - 1][];
    for (int l = 0; l < weights.length; l++) {
      String path = "network.layers[" + l + "].";
      weights[l] = r.doubles(layerNodes.get(l), path, "weights", (long) sizes[l] * sizes[l + 1]);
      biases[l] = r.doubles(layerNodes.get(l), path, "biases", sizes[l + 1]);
    }
    return Network.of(sizes, activation, loss, weights, biases, prep.inputs(), embedded, frequencies, width,
        embeddingParams);
  }

  private static Preprocessing preprocessing(ModelFileReader r, JsonNode root, List<String> names,
      List<BinMapper> mappers) {
    JsonNode nodes = r.array(root, "", "preprocessing", names.size());
    int f = names.size();
    double[] means = new double[f];
    double[] scales = new double[f];
    boolean[] indicators = new boolean[f];
    double[][] quantiles = new double[f][];
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
        if (node.has("quantiles")) {
          quantiles[j] = r.doubles(node, path, "quantiles", -1);
        }
      }
    }
    try {
      return new Preprocessing(names, mappers, means, scales, indicators, quantiles);
    } catch (IllegalArgumentException e) {
      throw new InputException(r.source() + ": holds inconsistent preprocessing (" + e.getMessage() + ").", e);
    }
  }
}
