package io.mercato.recsys.neural;

import io.mercato.core.Check;
import io.mercato.core.ConfigurationException;
import io.mercato.core.train.EpochEvent;
import io.mercato.core.train.TrainingListener;
import io.mercato.recsys.ModelInfo;
import io.mercato.recsys.RecommenderTrainer;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Neural collaborative filtering (He et al. 2017) on DL4J for implicit top-N: user and item embeddings, their
 * element-wise product (the generalized-MF signal) and both embeddings concatenated into an MLP with a sigmoid
 * output, trained with binary cross-entropy on every observed interaction plus {@code negatives} sampled
 * non-interacted items per positive, in shuffled minibatches.
 *
 * <p>Seeded: the network initialization and the negative sampling and shuffling come from the seed.
 */
public final class NcfTrainer implements RecommenderTrainer {

    private final int embeddingSize;
    private final int[] hidden;
    private final int epochs;
    private final int negatives;
    private final int batchSize;
    private final double learningRate;
    private final double l2;
    private final long seed;
    private final TrainingListener listener;

    private NcfTrainer(Builder b) {
        this.embeddingSize = b.embeddingSize;
        this.hidden = b.hidden.clone();
        this.epochs = b.epochs;
        this.negatives = b.negatives;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.l2 = b.l2;
        this.seed = b.seed;
        this.listener = b.listener;
    }

    /** A builder with the defaults (embeddings 32, hidden layers 64-32, 10 epochs, 4 negatives, batch 2048). */
    public static Builder builder() {
        return new Builder();
    }

    /** The registry name, {@code "ncf"}. */
    @Override
    public String algorithm() {
        return "ncf";
    }

    @Override
    public Map<String, String> hyperParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("embeddingSize", Integer.toString(embeddingSize));
        m.put("hiddenLayers", String.join("-", Arrays.stream(hidden).mapToObj(Integer::toString).toList()));
        m.put("epochs", Integer.toString(epochs));
        m.put("negatives", Integer.toString(negatives));
        m.put("batchSize", Integer.toString(batchSize));
        m.put("learningRate", Double.toString(learningRate));
        m.put("l2", Double.toString(l2));
        m.put("seed", Long.toString(seed));
        return m;
    }

    @Override
    public NcfModel fit(Interactions data) {
        long start = System.nanoTime();
        ComputationGraph net = new ComputationGraph(configuration(data.userCount(), data.itemCount()));
        net.init();
        SparseMatrix byUser = data.byUser();
        int positives = byUser.nnz();
        int items = data.itemCount();
        int perEpoch = positives * (1 + negatives);
        int[] us = new int[perEpoch];
        int[] is = new int[perEpoch];
        float[] ys = new float[perEpoch];
        int[] order = new int[perEpoch];
        SplittableRandom random = new SplittableRandom(seed);
        listener.onStart(algorithm(), epochs);
        for (int epoch = 1; epoch <= epochs && positives > 0; epoch++) {
            int n = 0;
            for (int u = 0; u < byUser.rows(); u++) {
                boolean hasNegatives = byUser.length(u) < items;
                for (int e = byUser.start(u); e < byUser.end(u); e++) {
                    us[n] = u;
                    is[n] = byUser.index(e);
                    ys[n++] = 1;
                    for (int s = 0; s < negatives && hasNegatives; s++) {
                        int j;
                        do {
                            j = random.nextInt(items);
                        } while (byUser.find(u, j) >= 0);
                        us[n] = u;
                        is[n] = j;
                        ys[n++] = 0;
                    }
                }
            }
            for (int x = 0; x < n; x++) {
                order[x] = x;
            }
            for (int x = n - 1; x > 0; x--) {
                int y = random.nextInt(x + 1);
                int t = order[x];
                order[x] = order[y];
                order[y] = t;
            }
            double loss = 0;
            int batches = 0;
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                float[] bu = new float[size];
                float[] bi = new float[size];
                float[] by = new float[size];
                for (int x = 0; x < size; x++) {
                    int s = order[from + x];
                    bu[x] = us[s];
                    bi[x] = is[s];
                    by[x] = ys[s];
                }
                net.fit(new MultiDataSet(new INDArray[] {column(bu), column(bi)}, new INDArray[] {column(by)}));
                loss += net.score();
                batches++;
            }
            listener.onEpoch(new EpochEvent(epoch, epochs, loss / Math.max(1, batches), null, Double.NaN,
                    Duration.ofNanos(System.nanoTime() - start)));
        }
        listener.onEnd();
        return new NcfModel(ModelInfo.timed(algorithm(), hyperParameters(), start), data, net);
    }

    static INDArray column(float[] values) {
        return Nd4j.create(values, new long[] {values.length, 1}, 'c');
    }

    private ComputationGraphConfiguration configuration(int users, int items) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.XAVIER)
                .l2(l2)
                .graphBuilder()
                .addInputs("user", "item")
                .addLayer("user-embedding", new EmbeddingLayer.Builder().nIn(users).nOut(embeddingSize)
                        .activation(Activation.IDENTITY).hasBias(false).build(), "user")
                .addLayer("item-embedding", new EmbeddingLayer.Builder().nIn(items).nOut(embeddingSize)
                        .activation(Activation.IDENTITY).hasBias(false).build(), "item")
                .addVertex("gmf", new ElementWiseVertex(ElementWiseVertex.Op.Product), "user-embedding", "item-embedding")
                .addVertex("concat", new MergeVertex(), "user-embedding", "item-embedding", "gmf");
        String previous = "concat";
        int width = 3 * embeddingSize;
        for (int h = 0; h < hidden.length; h++) {
            g.addLayer("hidden-" + h, new DenseLayer.Builder().nIn(width).nOut(hidden[h]).activation(Activation.RELU)
                    .build(), previous);
            previous = "hidden-" + h;
            width = hidden[h];
        }
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(width).nOut(1)
                .activation(Activation.SIGMOID).build(), previous);
        return g.setOutputs("out").build();
    }

    /** Fluent, validating configuration of {@link NcfTrainer}. */
    public static final class Builder {
        private int embeddingSize = 32;
        private int[] hidden = {64, 32};
        private int epochs = 10;
        private int negatives = 4;
        private int batchSize = 2048;
        private double learningRate = 0.003;
        private double l2 = 1e-6;
        private long seed = 42;
        private TrainingListener listener = TrainingListener.NONE;

        private Builder() {
        }

        /** Width of the user and item embeddings, 1..1024. */
        public Builder embeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /** Widths of the MLP's hidden layers (0..5 layers, each 1..4096). */
        public Builder hiddenLayers(int... widths) {
            this.hidden = widths == null ? null : widths.clone();
            return this;
        }

        /** Passes over the positives, 1..1000. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Sampled non-interacted items per positive, 1..100. */
        public Builder negatives(int negatives) {
            this.negatives = negatives;
            return this;
        }

        /** Examples per minibatch, 1..1048576. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Adam step size, (0, 1]. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** L2 weight decay, [0, 1]. */
        public Builder l2(double l2) {
            this.l2 = l2;
            return this;
        }

        /** Seed of the initialization, the negative sampling and the shuffling. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Receives one event per epoch (mean minibatch loss). */
        public Builder listener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /** Validates and builds. @throws ConfigurationException naming the first bad setting */
        public NcfTrainer build() {
            Check.inRange("embeddingSize", embeddingSize, 1, 1024);
            Check.notNull("hiddenLayers", hidden);
            if (hidden.length > 5) {
                throw ConfigurationException.invalid("hiddenLayers", Arrays.toString(hidden), "at most 5 layers");
            }
            for (int w : hidden) {
                Check.inRange("hiddenLayers", w, 1, 4096);
            }
            Check.inRange("epochs", epochs, 1, 1000);
            Check.inRange("negatives", negatives, 1, 100);
            Check.inRange("batchSize", batchSize, 1, 1 << 20);
            if (!(learningRate > 0 && learningRate <= 1)) {
                throw ConfigurationException.invalid("learningRate", learningRate, "must be in (0, 1]");
            }
            Check.inRange("l2", l2, 0, 1);
            Check.notNull("listener", listener);
            return new NcfTrainer(this);
        }
    }
}
