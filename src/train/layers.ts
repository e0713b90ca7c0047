/** Bridges tf.LayersModel to the loop's TrainTask, which trains plain tf.Variables. */
import { tf } from '../engine';

/**
 * The trainable tf.Variables behind a layers model's weights (names like 'dense_Dense1/kernel', grouped by layer in
 * gradient statistics). Use in TrainTask.variables(); call the model with `model.apply(x, {training: true})` in
 * TrainTask.loss so dropout is active.
 */
export function layersModelVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((weight) => {
    const value = weight.read();
    if (!(value instanceof tf.Variable)) throw new Error(`weight '${weight.name}' of model '${model.name}' is not backed by a tf.Variable`);
    return value;
  });
}
