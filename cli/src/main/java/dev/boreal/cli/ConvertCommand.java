package dev.boreal.cli;

import dev.boreal.UsageException;
import dev.boreal.engine.model.Model;
import dev.boreal.io.ModelFile;
import dev.boreal.io.ModelFormats;
import dev.boreal.io.OutputFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code boreal convert}: turns an XGBoost JSON model or a LightGBM text model into a Boreal model file
 * that scores every row as the original library does. (Commands that take {@code --model} also read the
 * original files directly; converting once saves the conversion at each start.)
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = "Convert an XGBoost JSON model or a LightGBM text model into a Boreal model file.")
final class ConvertCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, paramLabel = "LIBRARY",
      description = "The library that wrote IN: xgboost or lightgbm.")
  String from;

  @Parameters(index = "0", paramLabel = "IN", description = "The model to convert.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "The Boreal model file to write.")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    ModelFormats.Format format = ModelFormats.Format.named(from);
    if (format == ModelFormats.Format.BOREAL) {
      throw new UsageException("--from names the library that wrote the model: xgboost or lightgbm.");
    }
    OutputFile.check(out, "the model");
    Model model = ModelFormats.load(in, format);
    ModelFile.write(model, out);
    spec.commandLine().getOut().printf(Locale.ROOT, "Converted %s (%s, %d trees, %d features) to %s%n", in,
        model.objective(), model.trees().size(), model.numFeatures(), out);
    return 0;
  }
}
