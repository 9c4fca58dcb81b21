import dev.boreal.engine.learn.FoldDealing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the fold (0-4) of every row that {@code boreal cv --folds 5 --seed 1} deals on a suite-layout CSV
 * (label first), one digit a row, so that {@code cv_gaps.py folds} can be checked against it:
 * {@code java -cp cli/target/boreal.jar bench/suite-cv/FoldCheck.java FILE binary|multiclass|regression}.
 * Classifier labels must be the integers 0..K-1 the suite uses, which Boreal keeps as class indices.
 */
public final class FoldCheck {
  private FoldCheck() {}

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
    StringBuilder out = new StringBuilder();
    for (int fold : FoldDealing.deal(5, 1, labels, names, null, "--folds")) {
      out.append(fold);
    }
    System.out.println(out);
  }
}
