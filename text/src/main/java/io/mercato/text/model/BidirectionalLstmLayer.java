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
 * A bidirectional LSTM layer for DL4J graphs that runs ND4J's native {@code lstmLayer} operation
 * (the whole sequence, both directions, in one native call, and its native gradient) instead of
 * DL4J's {@code LSTM} layer, which issues a dozen small operations per time step and is an order of
 * magnitude slower on short texts.
 *
 * <p>Input and output are DL4J recurrent activations [minibatch, size, time] ({@code NCW}); the
 * output holds the forward and the backward hidden state of every token side by side ({@code 2 *
 * nOut} features). Each text's length is the sum of its mask row, passed to the operation as the
 * sequence length: the backward direction starts at the text's own last token, so padding at the
 * end never reaches either direction and outputs at padded steps are zero. Gates: sigmoid; cell
 * and output activations: tanh; forget gate bias initialized to 1.
 *
 * <p>A configuration class in DL4J's JSON form: the fields are written and read by DL4J's own
 * mapper, so the no-argument constructor must stay.
 */
final class BidirectionalLstmLayer extends SameDiffLayer {

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
    SDVariable lengths = mask.sum(1).castTo(DataType.INT);
    LSTMLayerConfig config = LSTMLayerConfig.builder()
        .lstmdataformat(LSTMDataFormat.NST)
        .directionMode(LSTMDirectionMode.BIDIR_CONCAT)
        .gateAct(LSTMActivations.SIGMOID)
        .cellAct(LSTMActivations.TANH)
        .outAct(LSTMActivations.TANH)
        .retFullSequence(true)
        .retLastH(false)
        .retLastC(false)
        .build();
    LSTMLayerWeights weights = LSTMLayerWeights.builder()
        .weights(params.get(INPUT_WEIGHTS))
        .rWeights(params.get(RECURRENT_WEIGHTS))
        .bias(params.get(BIAS))
        .build();
    return sd.rnn.lstmLayer(input, null, null, lengths, weights, config)[0];
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.clear();
    params.addWeightParam(INPUT_WEIGHTS, 2, nIn, 4 * nOut);
    params.addWeightParam(RECURRENT_WEIGHTS, 2, nOut, 4 * nOut);
    params.addBiasParam(BIAS, 2, 4 * nOut);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    // Xavier (DL4J's): normal with variance 2 / (fanIn + fanOut), per direction
    for (String key : new String[] {INPUT_WEIGHTS, RECURRENT_WEIGHTS}) {
      INDArray w = params.get(key);
      double std = Math.sqrt(2.0 / (w.size(1) + w.size(2)));
      w.assign(Nd4j.randn(w.dataType(), w.shape()).muli(std));
    }
    INDArray bias = params.get(BIAS);
    bias.assign(0);
    // gates in the order input, forget, cell, output: a forget bias of 1 keeps the cell state at first
    bias.get(NDArrayIndex.all(), NDArrayIndex.interval(nOut, 2 * nOut)).assign(1);
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
