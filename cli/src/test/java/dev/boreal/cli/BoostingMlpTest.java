package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The neural net is chosen the way the trees are: {@code --algorithm mlp}, {@code -p boosting=mlp} (or an
 * alias) and {@code boosting = mlp} in a config file train the same network, in {@code train} and {@code cv}.
 */
class BoostingMlpTest {
  private static final String[] NET = {"--label", "label", "--objective", "binary", "--hidden", "8",
      "-p", "max_epochs=4", "--threads", "2", "--log-every", "0"};

  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void writeData() throws IOException {
    data = dir.resolve("train.csv");
    SyntheticData.writeCsv(data, 500, 3);
  }

  private Path train(String name, String... choice) throws IOException {
    Path model = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--model", model.toString()));
    args.addAll(List.of(NET));
    args.addAll(List.of(choice));
    CliRunner r = CliRunner.run(args.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("Trained an mlp"), r.out);
    return model;
  }

  @Test
  void boostingMlpTrainsTheNetworkThatAlgorithmMlpTrains() throws IOException {
    String byAlgorithm = Files.readString(train("a.json", "--algorithm", "mlp"));
    assertTrue(byAlgorithm.contains("\"boosting\" : \"mlp\""), "the model records what learned it");
    assertEquals(byAlgorithm, Files.readString(train("b.json", "-p", "boosting=mlp")));
    assertEquals(byAlgorithm, Files.readString(train("c.json", "-p", "boosting_type=MLP")));
    Path config = dir.resolve("train.conf");
    Files.writeString(config, "# a LightGBM-style config\nboosting = mlp\n");
    assertEquals(byAlgorithm, Files.readString(train("d.json", "--config", config.toString())));
  }

  @Test
  void crossValidationTakesBoostingMlpToo() throws IOException {
    List<String> curves = new ArrayList<>();
    for (String[] choice : List.of(new String[] {"--algorithm", "mlp"}, new String[] {"-p", "boosting=mlp"})) {
      Path json = dir.resolve("cv" + curves.size() + ".json");
      List<String> args = new ArrayList<>(List.of("cv", "--data", data.toString(), "--folds", "3", "--json",
          json.toString()));
      args.addAll(List.of(NET));
      args.addAll(List.of(choice));
      CliRunner r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(0, r.exitCode, r.err);
      curves.add(Files.readString(json));
    }
    assertTrue(curves.get(0).contains("\"algorithm\" : \"mlp\""), curves.get(0));
    assertEquals(curves.get(0), curves.get(1));
  }

  @Test
  void anAlgorithmThatContradictsBoostingIsOneSentence() {
    for (String command : List.of("train", "cv")) {
      List<String> args = new ArrayList<>(List.of(command, "--data", data.toString(), "--algorithm", "mlp",
          "-p", "boosting=rf"));
      args.addAll(List.of(NET));
      CliRunner r = CliRunner.run(args.toArray(new String[0]));
      assertEquals(2, r.exitCode, command);
      assertTrue(r.errIsOneLine() && r.err.contains("--algorithm mlp contradicts boosting=rf; give one of them."),
          r.err);
    }
  }
}
