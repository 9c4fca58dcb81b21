package dev.boreal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boreal.io.SyntheticData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java example, taken from the README itself: the first {@code ```java} block under
 * "## Java API" is compiled against the project's classes and run on files like those {@code boreal demo}
 * writes, so the example cannot drift from the API.
 */
class ReadmeExampleTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("## Java API.*?```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

  @TempDir
  Path dir;

  @Test
  void theReadmeExampleCompilesAndRuns() throws Exception {
    Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
    Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
    assertTrue(block.find(), "README.md has a ```java block under ## Java API");
    String source = block.group(1);
    Matcher name = CLASS_NAME.matcher(source);
    assertTrue(name.find(), "the example declares a public class");
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    Path file = Files.writeString(src.resolve(name.group(1) + ".java"), source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(), file.toString());
    assertEquals(0, status, diagnostics.toString(StandardCharsets.UTF_8));

    SyntheticData.writeCsv(dir.resolve("higgs-like-train.csv"), 4000, 1);
    SyntheticData.writeCsv(dir.resolve("higgs-like-valid.csv"), 1000, 2);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {dir.toString()});
    } finally {
      System.setOut(stdout);
    }
    assertTrue(Files.exists(dir.resolve("model.json")), "the example saves its model");
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    Matcher scores = Pattern.compile("p = (\\S+), batch (\\S+), named \\S+; raw \\S+ = expected \\S+ \\+ SHAP")
        .matcher(lines.get(0));
    assertTrue(scores.matches(), lines.get(0));
    assertEquals(scores.group(1), scores.group(2), "one row and the same row in a batch score alike");
    assertTrue(lines.size() <= 4, "at most three reasons: " + lines);
  }
}
