package dev.boreal.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boreal.InputException;
import dev.boreal.engine.model.Model;
import dev.boreal.engine.model.TrainedModel;
import dev.boreal.engine.nn.MlpModel;
import dev.boreal.monitor.drift.DriftProfile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Boreal's native model file: the whole {@link Model} (or {@link MlpModel}, see {@link MlpModelJson}) as
 * one JSON document, written so that every double reads back bit for bit. The layout is documented field
 * by field in {@code docs/model-format.md}.
 *
 * <p>Writing goes through {@link OutputFile}, so a reader never sees a partial model. The file keeps the
 * permissions of the file it replaces; a new file gets the process's umask, as any file the service writes. Reading checks every field and fails with one
 * {@link InputException} sentence naming the file and the field.
 */
public final class ModelFile {
  /** The value of the top-level {@code "format"} field. */
  public static final String FORMAT = "boreal-model";
  /**
   * The newest format version this code reads and writes. Version 2 added a numeric feature's
   * {@code zero_as_missing} and {@code nan_as_zero} and a categorical feature's {@code unknown_bin}; a file is
   * written with the lowest version that holds its model ({@link ModelJsonWriter#formatVersion}), so a model that uses none
   * stays readable by a version-1 reader, which would ignore those fields and score such a model wrongly.
   * Version 3 added the top-level {@code calibration} ({@link CalibrationJson}), for the same reason.
   * Version 4 is the compact tree encoding forests are written in ({@link ForestTreesJson}): one entry per
   * multi-output tree, thresholds left to their bins, derivable statistics left out; the same version holds a
   * neural net's transformer, periodic embeddings and quantile-normalised inputs ({@link MlpModelJson}).
   */
  public static final int FORMAT_VERSION = ForestTreesJson.FORMAT_VERSION;

  // Jackson's fast double parser is correctly rounded, as Double.parseDouble is, so every value reads back to the
  // same bits; parsing numbers was most of the time reading a model took.
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ModelFile() {}

  /**
   * Writes {@code model} (a tree {@link Model} or an {@link MlpModel}) to {@code file}, replacing it
   * atomically if it exists, through {@link OutputFile}.
   *
   * @throws InputException if the file cannot be written (no temporary file is left behind)
   * @throws IllegalArgumentException for a kind of model this format does not hold
   */
  public static void write(TrainedModel model, Path file) {
    write(model, null, file);
  }

  /**
   * Writes {@code model} with its drift profile (the optional top-level {@code "profile"} object), as
   * {@link #write(TrainedModel, Path)} does.
   *
   * @param profile the model's reference profile, or null to write none
   * @throws InputException if the file cannot be written (no temporary file is left behind)
   * @throws IllegalArgumentException for a kind of model this format does not hold, or a profile of other
   *     features
   */
  public static void write(TrainedModel model, DriftProfile profile, Path file) {
    if (profile != null && profile.problemWith(model.featureNames(), model.mappers()) != null) {
      throw new IllegalArgumentException("the profile does not fit the model: "
          + profile.problemWith(model.featureNames(), model.mappers()));
    }
    if (!(model instanceof Model) && !(model instanceof MlpModel)) {
      throw new IllegalArgumentException("cannot write a " + model.getClass().getName() + " as a Boreal model file");
    }
    OutputFile.write(file, "the model", sink -> {
      try (JsonGenerator g = JSON.getFactory().createGenerator(sink.stream(), JsonEncoding.UTF8)) {
        // Objects indented for people, number arrays kept on one line so the file stays compact.
        g.setPrettyPrinter(new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));
        g.writeStartObject();
        if (model instanceof Model m) {
          ModelJsonWriter.writeModel(g, m);
        } else {
          MlpModelJson.write(g, (MlpModel) model);
        }
        if (profile != null) {
          ProfileJson.write(g, profile);
        }
        g.writeEndObject();
      }
    });
  }

  /**
   * Reads a model file.
   *
   * @throws InputException if the file is missing, unreadable, not a Boreal model, from a newer Boreal,
   *     or has a missing, ill-typed or inconsistent field
   */
  public static Model read(Path file) {
    return read(new ByteArrayInputStream(bytes(file)), file.toString());
  }

  /**
   * The whole content of a model file.
   *
   * @throws InputException naming the file if it is missing, not readable by this process ("permission
   *     denied"), or cannot be read
   */
  public static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file + ": does not exist.", e);
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": permission denied; the model file cannot be read by this process.", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ").", e);
    }
  }

  /**
   * Reads a model from a stream, to its end; the caller closes it.
   *
   * @param sourceName how error messages name the source, e.g. a file name or URL
   * @throws InputException as {@link #read(Path)}
   */
  public static Model read(InputStream in, String sourceName) {
    return new ModelFileReader(sourceName).model(parse(in, sourceName));
  }

  /**
   * Reads a model file of any kind with its drift profile, if it holds one.
   *
   * @throws InputException as {@link #read(Path)}, and if the profile is ill-formed or does not fit the model
   */
  public static ProfiledModel readProfiled(Path file) {
    return readProfiled(new ByteArrayInputStream(bytes(file)), file.toString());
  }

  /**
   * Reads a model of any kind with its drift profile, if it holds one, from a stream, to its end; the caller
   * closes it.
   *
   * @param sourceName how error messages name the source
   * @throws InputException as {@link #readProfiled(Path)}
   */
  public static ProfiledModel readProfiled(InputStream in, String sourceName) {
    return new ModelFileReader(sourceName).profiled(parse(in, sourceName));
  }

  /**
   * Reads a model file of any kind Boreal writes: a tree {@link Model} ("gbdt", "rf") or an
   * {@link MlpModel} ("mlp", "ft-transformer").
   *
   * @throws InputException as {@link #read(Path)}
   */
  public static TrainedModel readAny(Path file) {
    return readAny(new ByteArrayInputStream(bytes(file)), file.toString());
  }

  /**
   * Reads a model of any kind from a stream, to its end; the caller closes it.
   *
   * @param sourceName how error messages name the source
   * @throws InputException as {@link #read(Path)}
   */
  public static TrainedModel readAny(InputStream in, String sourceName) {
    return new ModelFileReader(sourceName).any(parse(in, sourceName));
  }

  /** The stream's JSON tree, or one sentence saying why it is not a complete JSON document. */
  private static JsonNode parse(InputStream in, String sourceName) {
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new InputException(sourceName + ": cannot be read (" + e.getMessage() + ").", e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (StreamConstraintsException e) {
      // Jackson refuses documents nested deeper than its limit (1,000 levels); no model file comes close.
      throw new InputException(sourceName + ": is not a Boreal model file (its JSON is nested deeper than a model "
          + "file's few levels).", e);
    } catch (StreamReadException e) {
      // Jackson reports running out of input in several ways; an error at the very end means truncation.
      JsonLocation at = e.getLocation();
      if (e instanceof JsonEOFException || (at != null && at.getByteOffset() >= bytes.length)) {
        throw new InputException(sourceName + ": is not a complete Boreal model file (the JSON ends early, "
            + "at line " + (at == null ? "?" : at.getLineNr()) + ").", e);
      }
      throw new InputException(sourceName + ": is not a Boreal model file (it is not JSON; the first error "
          + "is at line " + (at == null ? "?" : at.getLineNr() + ", column " + at.getColumnNr()) + ").", e);
    } catch (IOException e) {
      throw new InputException(sourceName + ": cannot be read (" + e.getMessage() + ").", e);
    }
    return root;
  }

  // ---- writing ----
}
