/**
 * Boreal measured against its peers, never needed to use the library: JMH benchmarks of the kernels
 * ({@code *Benchmark}); {@code boreal bench compare} ({@link dev.boreal.bench.Compare}), which times Boreal,
 * LightGBM and XGBoost on one data set with parameters checked equivalent ({@link dev.boreal.bench.ComparisonSpec});
 * and {@code boreal bench suite} ({@link dev.boreal.bench.Suite}), which scores Boreal's boosting and forest against
 * the peers and reference scores on every data set of a folder.
 *
 * <p>Both comparisons run each library in a child JVM of its own ({@link dev.boreal.bench.CompareChild}) through one
 * interface ({@link dev.boreal.bench.Contender}), feed the peers the rows Boreal's reader parsed
 * ({@link dev.boreal.bench.DenseData}, text columns as {@link dev.boreal.bench.CategoryCodes}), and score every
 * library's raw outputs with Boreal's own metric code ({@code Trial}).
 */
package dev.boreal.bench;
