/**
 * Drift profiles and drift tests. A {@link dev.boreal.monitor.drift.DriftProfile} records, at training, how
 * the training rows fell into the model's own bins ({@link dev.boreal.monitor.drift.FeatureCounts}, counted
 * by {@link dev.boreal.monitor.drift.CellCounter}), a histogram of the training predictions
 * ({@link dev.boreal.monitor.drift.ScoreHistogram}) and the mean |SHAP value| per feature. A
 * {@link dev.boreal.monitor.drift.DriftTest} compares the counts of new data against it: PSI, Jensen–Shannon
 * distance and a binned KS statistic ({@link dev.boreal.monitor.drift.DriftStatistics}), judged against
 * thresholds that fit the new sample's size ({@link dev.boreal.monitor.drift.NullThresholds}, drawn with
 * {@link dev.boreal.monitor.drift.Multinomial}), and the nDCG of the importance ranking
 * ({@link dev.boreal.monitor.drift.Ndcg}). Pure computation: reading data and writing profiles is elsewhere.
 */
package dev.boreal.monitor.drift;
