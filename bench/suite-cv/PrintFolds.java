import dev.boreal.engine.learn.FoldDealing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the fold of every row that {@code boreal cv --folds K --seed S} deals on a suite-layout CSV (label
 * first), comma-separated, so that {@code cv_gaps.py} trains the peers on exactly Boreal's folds from Boreal's own
 * dealing: {@code java -cp cli/target/boreal.jar bench/suite-cv/PrintFolds.java FILE binary|multiclass|regression K S}.
 * Classifier labels must be the integers 0..K-1 the suite uses, which Boreal keeps as class indices.
 */
public final class PrintFolds {
  private PrintFolds() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    double[] labels = new double[lines.size() - 1];
    int classes = 0;
    for (int i = 1; i < lines.size(); i++) {
      labels[i - 1] = Double.parseDouble(lines.get(i).split(",", 2)[0].replace("\"", ""));
      classes = Math.max(classes, (int) labels[i - 1] + 1);
    }
    String[] names = null;
    if (!args[1].equals("regression")) {
      names = new String[classes];
      for (int c = 0; c < classes; c++) {
        names[c] = Integer.toString(c);
      }
    }
    int[] folds = FoldDealing.deal(Integer.parseInt(args[2]), Long.parseLong(args[3]), labels, names, null, "--folds");
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < folds.length; r++) {
      out.append(r == 0 ? "" : ",").append(folds[r]);
    }
    System.out.println(out);
  }
}
