package io.mercato.text.model;

import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps one DL4J LSTM layer two independent LSTMs: the first half of its input features and of its
 * units (within every gate) form the forward direction, the second halves the backward one, and
 * every weight between the halves stays zero. {@link RnnTrainer} runs both directions as one layer
 * this way because DL4J's LSTM pays a fixed cost per operation at every time step: one layer of
 * {@code 2h} units does half the operations of two layers of {@code h}, and with the cross weights at
 * zero it computes exactly what the two would (Adam updates each weight on its own; the cross
 * weights are zeroed again after every update, see {@link #apply}).
 *
 * <p>Applies to weight matrices of shape [inputs x 4·units] (the input and recurrent weights of an
 * LSTM, gates side by side, each gate's units in order); both dimensions are split in halves.
 */
public final class TwoDirectionConstraint extends BaseConstraint {

  /** A constraint for the weights a layer's builder assigns it ({@code constrainWeights}). */
  public TwoDirectionConstraint() {
  }

  /** Zeroes the weights of {@code param} that connect one direction's half to the other's. */
  @Override
  public void apply(INDArray param) {
    param.muli(mask(param.rows(), param.columns()));
  }

  /** 1 where input row {@code r} and unit column {@code c} are in the same direction, else 0. */
  static INDArray mask(int rows, int columns) {
    if (rows % 2 != 0 || columns % 8 != 0) {
      throw new IllegalArgumentException("weights of shape [" + rows + " x " + columns
          + "] cannot be split into two directions (even rows and 4 gates of an even number of units needed)");
    }
    int units = columns / 4;
    float[] mask = new float[rows * columns];
    for (int r = 0; r < rows; r++) {
      boolean forwardInput = r < rows / 2;
      for (int c = 0; c < columns; c++) {
        boolean forwardUnit = c % units < units / 2;
        mask[r * columns + c] = forwardInput == forwardUnit ? 1f : 0f;
      }
    }
    return Nd4j.create(mask, new long[] {rows, columns}, 'c');
  }

  @Override
  public TwoDirectionConstraint clone() {
    TwoDirectionConstraint copy = new TwoDirectionConstraint();
    copy.setParams(getParams());
    return copy;
  }
}
