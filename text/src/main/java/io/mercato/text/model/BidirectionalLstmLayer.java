package io.mercato.text.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A bidirectional LSTM layer for DL4J graphs on ND4J's native {@code lstmLayer} operation (a whole
 * sequence in one native call, with its native gradient) instead of DL4J's {@code LSTM} layer, which
 * issues a dozen small operations per time step and is several times slower on short texts.
 *
 * <p>Input and output are DL4J recurrent activations [minibatch, size, time] ({@code NCW}); the
 * output holds the forward and the backward hidden state of every token side by side ({@code 2 *
 * nOut} features). Texts are padded at the end. The forward LSTM runs over the padded batch as it
 * is: padding comes after a text's tokens, so it cannot change their outputs. The backward LSTM runs
 * forward over each text reversed within its own length ({@code reverseSequence}, the length being
 * one past the last unmasked step), so it too meets the padding only after the text, and its outputs
 * are reversed back the same way. Outputs at padded steps are thus arbitrary and must be masked by
 * what follows (pooling does). (The operation's own per-text length argument would do the same but
 * makes it loop over the texts one by one, several times slower.) Gates: sigmoid; cell and output
 * activations: tanh; forget gate bias initialized to 1.
 *
 * <p>A configuration class in DL4J's JSON form: the fields are written and read by DL4J's own
 * mapper, so the no-argument constructor must stay.
 */
final class BidirectionalLstmLayer extends SameDiffLayer {

  private static final String[] DIRECTIONS = {"forward", "backward"};
  private static final String INPUT_WEIGHTS = "Wx";
  private static final String RECURRENT_WEIGHTS = "Wr";
  private static final String BIAS = "b";

  private long nIn;
  private long nOut;

  /** For DL4J's JSON mapper. */
  private BidirectionalLstmLayer() {
  }

  /**
   * @param nIn  features per input token
   * @param nOut LSTM units per direction (the layer outputs twice as many)
   */
  BidirectionalLstmLayer(long nIn, long nOut) {
    this.nIn = nIn;
    this.nOut = nOut;
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
    // one past the last unmasked step of each text: max over t of (t + 1) * mask[t]
    SDVariable positions = sd.cumsum(sd.onesLike(mask), false, false, 1);
    SDVariable lengths = positions.mul(mask).max(1).castTo(DataType.INT);
    SDVariable forward = lstm(sd, input, params, DIRECTIONS[0]);
    SDVariable reversed = sd.reverseSequence(input, lengths, 2, 0);
    SDVariable backward = sd.reverseSequence(lstm(sd, reversed, params, DIRECTIONS[1]), lengths, 2, 0);
    return sd.concat(1, forward, backward);
  }

  /** A forward LSTM over the whole of {@code input} with the weights of {@code direction}. */
  private static SDVariable lstm(SameDiff sd, SDVariable input, Map<String, SDVariable> params, String direction) {
    LSTMLayerConfig config = LSTMLayerConfig.builder()
        .lstmdataformat(LSTMDataFormat.NST)
        .directionMode(LSTMDirectionMode.FWD)
        .gateAct(LSTMActivations.SIGMOID)
        .cellAct(LSTMActivations.TANH)
        .outAct(LSTMActivations.TANH)
        .retFullSequence(true)
        .retLastH(false)
        .retLastC(false)
        .build();
    LSTMLayerWeights weights = LSTMLayerWeights.builder()
        .weights(params.get(direction + INPUT_WEIGHTS))
        .rWeights(params.get(direction + RECURRENT_WEIGHTS))
        .bias(params.get(direction + BIAS))
        .build();
    return sd.rnn.lstmLayer(input, null, null, null, weights, config)[0];
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    for (String direction : DIRECTIONS) {
      params.addWeightParam(direction + INPUT_WEIGHTS, nIn, 4 * nOut);
      params.addWeightParam(direction + RECURRENT_WEIGHTS, nOut, 4 * nOut);
      params.addBiasParam(direction + BIAS, 4 * nOut);
    }
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    for (String direction : DIRECTIONS) {
      // Xavier (as DL4J's): normal with variance 2 / (fanIn + fanOut)
      for (String key : new String[] {INPUT_WEIGHTS, RECURRENT_WEIGHTS}) {
        INDArray w = params.get(direction + key);
        w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(Math.sqrt(2.0 / (w.size(0) + w.size(1)))));
      }
      // gates in the order input, forget, cell, output: a forget bias of 1 keeps the cell state at first
      INDArray bias = params.get(direction + BIAS);
      bias.assign(0);
      bias.get(NDArrayIndex.interval(nOut, 2 * nOut)).assign(1);
    }
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    InputType.InputTypeRecurrent recurrent = (InputType.InputTypeRecurrent) inputType;
    return InputType.recurrent(2 * nOut, recurrent.getTimeSeriesLength());
  }

  @Override
  public void setNIn(InputType inputType, boolean override) {
    if (nIn <= 0 || override) {
      nIn = ((InputType.InputTypeRecurrent) inputType).getSize();
    }
  }

  @Override
  public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
    return null;
  }

  /** Features per input token. */
  public long getNIn() {
    return nIn;
  }

  /** LSTM units per direction. */
  public long getNOut() {
    return nOut;
  }
}
