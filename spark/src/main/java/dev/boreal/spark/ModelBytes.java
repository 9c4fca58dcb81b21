package dev.boreal.spark;

import dev.boreal.api.Boreal;
import dev.boreal.engine.model.Model;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model as the bytes of its ordinary Boreal model file: how Spark ships it to executors and stores it. */
final class ModelBytes {
  private ModelBytes() {
  }

  static byte[] of(Model model) {
    try {
      Path dir = Files.createTempDirectory("boreal-spark");
      Path file = dir.resolve("model.json");
      try {
        Boreal.save(model, file);
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The model could not be written to a temporary file.", e);
    }
  }

  static Model model(byte[] bytes) {
    return Boreal.load(new ByteArrayInputStream(bytes));
  }
}
