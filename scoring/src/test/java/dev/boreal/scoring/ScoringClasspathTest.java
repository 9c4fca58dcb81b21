package dev.boreal.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The scoring artifact's footprint, checked on every {@code mvn -B verify}: its whole runtime classpath
 * (resolved by Maven into a file before the tests run) stays within 10 MB and holds no native library and
 * no Netty class. A service that scores must not inherit either.
 */
class ScoringClasspathTest {
  /** The limit on the sum of the runtime classpath's jar (or class folder) sizes. */
  static final long MAX_BYTES = 10L * 1024 * 1024;

  private static final String[] NATIVE_SUFFIXES = {".so", ".dll", ".dylib", ".jnilib"};

  @Test
  void runtimeClasspathIsSmallAndFreeOfNativeCodeAndNetty() throws IOException {
    List<Path> entries = classpath();
    long total = 0;
    List<String> offending = new ArrayList<>();
    for (Path entry : entries) {
      total += Files.isDirectory(entry) ? folderSize(entry) : Files.size(entry);
      for (String name : entryNames(entry)) {
        if (isNative(name) || name.startsWith("io/netty/")) {
          offending.add(entry.getFileName() + "!/" + name);
        }
      }
    }
    assertTrue(total <= MAX_BYTES, String.format(Locale.ROOT,
        "the scoring classpath is %.1f MB (%d entries), over the %d MB limit: %s", total / 1048576.0,
        entries.size(), MAX_BYTES / 1048576, entries));
    assertTrue(offending.isEmpty(), "native libraries or Netty on the scoring classpath: " + offending);
  }

  @Test
  void classpathFileListsWhatAServiceScoresWith() throws IOException {
    List<String> names = classpath().stream().map(p -> p.toString().replace('\\', '/')).toList();
    for (String needed : new String[] {"/api/", "/io/", "/explain/", "/engine/", "arrow-vector",
        "arrow-memory-unsafe", "jackson-databind"}) {
      assertTrue(names.stream().anyMatch(n -> n.contains(needed) || n.contains("boreal" + needed.replace('/', '-'))),
          "expected " + needed + " on the scoring classpath: " + names);
    }
    assertTrue(names.stream().noneMatch(n -> n.contains("arrow-dataset") || n.contains("fastutil")
        || n.contains("io-dataset")), "unexpected artifacts: " + names);
  }

  @Test
  void nativeLibrariesAreRecognisedByTheirSuffix() {
    assertTrue(isNative("x86_64/libarrow_dataset_jni.so"));
    assertTrue(isNative("arrow_dataset_jni.DLL"));
    assertTrue(!isNative("dev/boreal/api/Boreal.class"));
  }

  /** The runtime classpath as Maven's dependency:build-classpath wrote it (see this module's pom). */
  private static List<Path> classpath() throws IOException {
    String file = System.getProperty("boreal.scoring.classpath");
    assertTrue(file != null, "the build passes boreal.scoring.classpath to the tests");
    String text = Files.readString(Path.of(file)).trim();
    assertTrue(!text.isEmpty(), file + " is empty");
    List<Path> entries = new ArrayList<>();
    for (String s : text.split(File.pathSeparator)) {
      entries.add(Path.of(s));
    }
    return entries;
  }

  private static boolean isNative(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String suffix : NATIVE_SUFFIXES) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> entryNames(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      try (Stream<Path> walk = Files.walk(entry)) {
        return walk.filter(Files::isRegularFile).map(p -> entry.relativize(p).toString().replace('\\', '/')).toList();
      }
    }
    try (ZipFile zip = new ZipFile(entry.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  private static long folderSize(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      long sum = 0;
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(p);
      }
      return sum;
    }
  }
}
