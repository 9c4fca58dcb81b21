/**
 * A multilayer perceptron kept beside the trees so that users can check, on their own data, when a neural
 * net does better: dense layers on flat {@code double} arrays, ReLU / tanh / sigmoid hidden activations,
 * identity / sigmoid / softmax outputs with squared error or cross-entropy, mini-batch SGD with momentum or
 * Adam, L2 weight decay, dropout, learning-rate schedules and early stopping on a held-out split.
 *
 * <p>Files, one stage each: {@link dev.boreal.engine.nn.Preprocessing} turns raw columns into network
 * inputs; {@code Dense} holds the matrix kernels; {@link dev.boreal.engine.nn.Activation} and
 * {@link dev.boreal.engine.nn.Loss} the element-wise maths; {@code Layout} places every layer in one flat
 * parameter array; {@code Pass} runs the forward and backward pass over a block of rows; {@code Optimizer}
 * updates the parameters; {@link dev.boreal.engine.nn.MlpTrainer} starts training and {@code TrainingRun}
 * holds one run's state and epoch loop;
 * {@link dev.boreal.engine.nn.Network} and {@link dev.boreal.engine.nn.MlpModel} are the immutable result.
 *
 * <p>Parallel work is split into fixed blocks of rows ({@link dev.boreal.engine.Parallel}); per-block weight
 * gradients are added in block order, so a seed gives bit-identical weights for any thread count.
 */
package dev.boreal.engine.nn;
