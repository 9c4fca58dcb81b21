package dev.boreal.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A task that fails is retried by Spark, and training ends with the same model: the failure is injected at the
 * worst moment, after a partition's cached state was updated but before it was marked whole, so the retry must
 * rebuild it from the job's description.
 */
class TaskRetryTest {
  @Test
  void theFirstAttemptOfEveryFifthStageFailsAndTheModelIsUnchanged() {
    double[][] x = SparkTestData.features(1000, 21);
    double[] y = SparkTestData.labels(x, "binary", 21);
    Dataset<Row> data = SparkTestData.frame(x, y, 3);
    BorealClassifier classifier = new BorealClassifier().setNumIterations(3).setNumLeaves(6).setNumThreads(1);
    double[] clean = BorealClassifierTest.raw(classifier.fit(data).borealModel(), x);
    AtomicInteger failures = new AtomicInteger();
    PartitionBlock.faultInjection = () -> {
      TaskContext task = TaskContext.get();
      if (task.attemptNumber() == 0 && task.stageId() % 5 == 3) {
        failures.incrementAndGet();
        throw new IllegalStateException("injected failure of the first attempt of a task of stage " + task.stageId());
      }
    };
    double[] retried;
    try {
      retried = BorealClassifierTest.raw(classifier.fit(data).borealModel(), x);
    } finally {
      PartitionBlock.faultInjection = null;
    }
    assertTrue(failures.get() > 0, "no task failed");
    assertArrayEquals(clean, retried, 1e-9);
  }
}
