/**
 * Neural nets kept beside the trees so that users can check, on their own data, when one does better: a
 * multilayer perceptron (dense layers on flat {@code double} arrays, ReLU / tanh / sigmoid hidden activations,
 * optionally behind periodic "PLR" embeddings of the numeric features) and the FT-Transformer (a feature
 * tokenizer, a [CLS] token, PreNorm blocks of multi-head self-attention and ReGLU feed-forward, a head on
 * [CLS]); identity / sigmoid / softmax outputs with squared error or cross-entropy; mini-batch SGD with
 * momentum, Adam or AdamW, weight decay, dropout, learning-rate schedules and early stopping on a held-out
 * split.
 *
 * <p>Files, one stage each: {@link dev.boreal.engine.nn.Preprocessing} turns raw columns into network
 * inputs (standardised, or quantile-normalised by {@code QuantileNormal}); {@code Dense} holds the matrix
 * kernels both nets use; {@link dev.boreal.engine.nn.Activation} and {@link dev.boreal.engine.nn.Loss} the
 * element-wise maths; {@code Architecture} is what training needs of a net's shape, with {@code Perceptron}
 * ({@code Layout} places its layers in one flat parameter array, {@code Pass} runs it over a block of rows)
 * and {@code FtTransformer} ({@code FeatureTokenizer}, {@code Attention}, {@code LayerNorm}, {@code ReGlu},
 * run by {@code TransformerPass}); {@code PeriodicEmbedding} serves both; {@code Optimizer} updates the
 * parameters; {@link dev.boreal.engine.nn.MlpTrainer} starts training and {@code TrainingRun} holds one run's
 * state and epoch loop; {@link dev.boreal.engine.nn.NeuralNet} ({@link dev.boreal.engine.nn.Network},
 * {@link dev.boreal.engine.nn.Transformer}) and {@link dev.boreal.engine.nn.MlpModel} are the immutable
 * result.
 *
 * <p>Parallel work is split into fixed blocks of rows ({@link dev.boreal.engine.Parallel}); per-block weight
 * gradients are added in block order, so a seed gives bit-identical weights for any thread count.
 */
package dev.boreal.engine.nn;
