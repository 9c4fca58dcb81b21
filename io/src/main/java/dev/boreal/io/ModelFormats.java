package dev.boreal.io;

import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a tree model from any file format Boreal understands, recognised from the content rather than the
 * name: Boreal's own JSON ({@link ModelFile}), an XGBoost JSON model ({@link XgboostModelImporter}) or a
 * LightGBM text model ({@link LightGbmModelImporter}). Commands that take {@code --model} read through
 * here, so they accept the original files of the other libraries directly.
 */
public final class ModelFormats {
  /** How many leading bytes decide the format: XGBoost writes "learner" first, LightGBM "tree". */
  private static final int SNIFF_CHARS = 4096;

  /** The model file formats Boreal reads. */
  public enum Format {
    /** Boreal's own JSON model file. */
    BOREAL,
    /** XGBoost's JSON model ({@code save_model("m.json")}). */
    XGBOOST,
    /** LightGBM's text model ({@code save_model("m.txt")}). */
    LIGHTGBM;

    /**
     * The format named on a command line: "boreal", "xgboost" or "lightgbm", in any case.
     *
     * @throws dev.boreal.UsageException for another name
     */
    public static Format named(String name) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "boreal": return BOREAL;
        case "xgboost": return XGBOOST;
        case "lightgbm": return LIGHTGBM;
        default:
          throw new dev.boreal.UsageException("Unknown model format '" + name
              + "': expected boreal, xgboost or lightgbm.");
      }
    }
  }

  private ModelFormats() {}

  /**
   * The format of a model file's content, or {@code null} when it is none of them.
   *
   * @param bytes the file's bytes, or at least its first few kilobytes
   */
  public static Format detect(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, SNIFF_CHARS), StandardCharsets.UTF_8);
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    String trimmed = head.stripLeading();
    if (trimmed.startsWith("{")) {
      return trimmed.contains("\"learner\"") || trimmed.contains("learner{") ? Format.XGBOOST : Format.BOREAL;
    }
    if (trimmed.startsWith("tree\n") || trimmed.startsWith("tree\r\n")) {
      return Format.LIGHTGBM;
    }
    return null;
  }

  /**
   * Reads a model file of any supported format.
   *
   * @throws InputException if the file is missing or unreadable ("permission denied" when this process may not
   *     read it), is in no supported format, or is not a
   *     valid model of its format (the message names the file and what is wrong)
   */
  public static Model load(Path file) {
    return load(file, null);
  }

  /**
   * Reads a model file that must be in the given format.
   *
   * @param expected the format the file must have, or {@code null} to accept any supported format
   * @throws InputException as {@link #load(Path)}, or if the file is in another format than expected
   */
  public static Model load(Path file, Format expected) {
    return load(ModelFile.bytes(file), file.toString(), expected);
  }

  /**
   * Reads a model of any supported format from a stream, to its end; the caller closes it.
   *
   * @param sourceName how error messages name the source
   * @throws InputException as {@link #load(Path)}
   */
  public static Model load(InputStream in, String sourceName) {
    try {
      return load(in.readAllBytes(), sourceName, null);
    } catch (IOException e) {
      throw new InputException(sourceName + ": cannot be read (" + e.getMessage() + ").", e);
    }
  }

  /**
   * Reads a model file of any supported format and any kind: a Boreal file may hold a tree model or a
   * neural net ({@link ModelFile#readAny}); XGBoost and LightGBM files hold trees.
   *
   * @throws InputException as {@link #load(Path)}
   */
  public static TrainedModel loadAny(Path file) {
    return loadAny(ModelFile.bytes(file), file.toString());
  }

  /**
   * Reads a model of any supported format and any kind from a file's bytes already read, for a caller that
   * also needs the bytes' {@link #detect format}: the file is read once.
   *
   * @param sourceName how error messages name the source
   * @throws InputException as {@link #load(Path)}
   */
  public static TrainedModel loadAny(byte[] bytes, String sourceName) {
    if (bytes.length > 0 && detect(bytes) == Format.BOREAL) {
      return ModelFile.readAny(new ByteArrayInputStream(bytes), sourceName);
    }
    return load(bytes, sourceName, null);
  }

  private static Model load(byte[] bytes, String source, Format expected) {
    if (bytes.length == 0) {
      throw new InputException(source + ": is empty, not a model file.");
    }
    Format format = detect(bytes);
    if (format == null) {
      throw new InputException(source + ": is not a model file Boreal reads (expected a Boreal JSON model, an "
          + "XGBoost JSON model or a LightGBM text model).");
    }
    if (expected != null && format != expected) {
      throw new InputException(source + ": is " + describe(format) + ", not " + describe(expected) + ".");
    }
    switch (format) {
      case XGBOOST:
        return XgboostModelImporter.read(bytes, source);
      case LIGHTGBM:
        return LightGbmModelImporter.read(bytes, source);
      default:
        return ModelFile.read(new ByteArrayInputStream(bytes), source);
    }
  }

  private static String describe(Format format) {
    switch (format) {
      case XGBOOST: return "an XGBoost JSON model";
      case LIGHTGBM: return "a LightGBM text model";
      default: return "a Boreal model";
    }
  }
}
