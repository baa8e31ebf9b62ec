package io.mercato.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mercato.core.ConfigurationException;
import io.mercato.core.linalg.SparseVector;
import io.mercato.text.pipeline.EncodedText;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastTextModelTrainerTest {

  private static final TrainingOptions OPTIONS = new TrainingOptions(7, 20, 1, 2, e -> { });

  @Test
  void separatesSeparableTokenClassesPerfectly() {
    TrainingSet train = Synthetic.blocks(300, 3, 5, new Random(1));
    TrainingSet test = Synthetic.blocks(90, 3, 5, new Random(2));
    TextModel model = FastTextModelTrainer.builder().dimension(16).learningRate(0.5).build().fit(train, null, OPTIONS);
    assertThat(Synthetic.accuracy(model, test)).isEqualTo(1.0);
    double[] p = model.predict(test.inputs().subList(0, 1))[0];
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  /** Default epochs: enough passes for 50,000 example visits, between 10 and 100. */
  @Test
  void smallDataGetsMoreDefaultEpochs() {
    assertThat(FastTextModelTrainer.defaultEpochs(232)).isEqualTo(100); // 50000 / 232 = 216 -> capped
    assertThat(FastTextModelTrainer.defaultEpochs(2_000)).isEqualTo(25);
    assertThat(FastTextModelTrainer.defaultEpochs(3_000)).isEqualTo(17); // ceil(16.7)
    assertThat(FastTextModelTrainer.defaultEpochs(20_000)).isEqualTo(10);
  }

  /**
   * Both classes use the same two tokens (ids 2 and 3); only their order differs ("2 3" vs "3 2").
   * A bag of unigrams cannot tell them apart (accuracy 0.5 at best); hashed word bigrams can (1.0).
   */
  @Test
  void wordBigramsCaptureOrder() {
    List<EncodedText> inputs = new ArrayList<>();
    int[] y = new int[200];
    for (int i = 0; i < 200; i++) {
      y[i] = i % 2;
      int[] ids = y[i] == 0 ? new int[] {2, 3} : new int[] {3, 2};
      inputs.add(new EncodedText(SparseVector.empty(1), ids));
    }
    TrainingSet set = new TrainingSet(inputs, y, null, 2, null, 1, 4);
    TextModel withBigrams = FastTextModelTrainer.builder().dimension(8).learningRate(0.5).build().fit(set, null, OPTIONS);
    TextModel unigrams = FastTextModelTrainer.builder().dimension(8).learningRate(0.5).wordBigrams(false).build()
        .fit(set, null, OPTIONS);
    assertThat(Synthetic.accuracy(withBigrams, set)).isEqualTo(1.0);
    assertThat(Synthetic.accuracy(unigrams, set)).isEqualTo(0.5);
  }

  @Test
  void sameSeedSameProbabilitiesOtherSeedOtherInit() {
    TrainingSet train = Synthetic.blocks(120, 3, 5, new Random(4));
    FastTextModelTrainer trainer = FastTextModelTrainer.builder().dimension(8).build();
    double[][] a = trainer.fit(train, null, OPTIONS).predict(train.inputs());
    double[][] b = trainer.fit(train, null, OPTIONS).predict(train.inputs());
    double[][] c = trainer.fit(train, null, OPTIONS.withSeed(8)).predict(train.inputs());
    assertThat(a).isDeepEqualTo(b);
    assertThat(a[0][0]).isNotEqualTo(c[0][0]);
  }

  @Test
  void textsWithoutKnownTokensGetTheUniformBaseline() {
    TrainingSet train = Synthetic.blocks(60, 3, 5, new Random(4));
    TextModel model = FastTextModelTrainer.builder().dimension(8).build().fit(train, null, OPTIONS);
    // only padding / unknown ids: the hidden vector is zero, so every score is 0 and softmax is uniform
    double[] p = model.predict(List.of(new EncodedText(SparseVector.empty(15), new int[] {1, 0})))[0];
    assertThat(p).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
  }

  @Test
  void multiLabelGivesIndependentProbabilities() {
    List<EncodedText> inputs = new ArrayList<>();
    boolean[][] sets = new boolean[200][];
    for (int i = 0; i < 200; i++) {
      boolean a = (i & 1) == 1;
      boolean b = (i & 2) == 2;
      int[] ids = a && b ? new int[] {2, 3, 4} : a ? new int[] {2, 4} : b ? new int[] {3, 4} : new int[] {4};
      inputs.add(new EncodedText(SparseVector.empty(1), ids));
      sets[i] = new boolean[] {a, b};
    }
    TrainingSet set = new TrainingSet(inputs, null, sets, 2, null, 1, 5);
    TextModel model = FastTextModelTrainer.builder().dimension(8).learningRate(0.5).build().fit(set, null, OPTIONS);
    double[][] p = model.predict(inputs.subList(0, 4));
    for (int i = 0; i < 4; i++) {
      assertThat(p[i][0] > 0.5).as("row %d label 0", i).isEqualTo((i & 1) == 1);
      assertThat(p[i][1] > 0.5).as("row %d label 1", i).isEqualTo((i & 2) == 2);
    }
  }

  /**
   * {@code pairs} texts of two tokens each, text i holding tokens (2 + i % 50, 100 + i / 50): every text
   * is a distinct bigram, repeated {@code copies} times.
   */
  private static TrainingSet distinctBigrams(int pairs, int copies) {
    List<EncodedText> inputs = new ArrayList<>();
    int[] y = new int[pairs * copies];
    for (int k = 0; k < pairs * copies; k++) {
      int i = k % pairs;
      inputs.add(new EncodedText(SparseVector.empty(1), new int[] {2 + i % 50, 100 + i / 50}));
      y[k] = i % 2;
    }
    return new TrainingSet(inputs, y, null, 2, null, 1, 100 + pairs / 50 + 1);
  }

  @Test
  void bigramBucketsAreTheNextPowerOfTwoAboveTheDistinctBigramsWithinBounds() {
    TrainingOptions once = new TrainingOptions(7, 1, 1, 2, e -> { });
    // 3,000 distinct bigrams (each twice): 4,096 buckets; 500: the floor of 1,024; 5,000 capped at 2,048
    assertThat(FastTextModelTrainer.builder().build().fit(distinctBigrams(3000, 2), null, once).buckets())
        .isEqualTo(4096);
    assertThat(FastTextModelTrainer.builder().build().fit(distinctBigrams(500, 1), null, once).buckets())
        .isEqualTo(1024);
    assertThat(FastTextModelTrainer.builder().maxBuckets(2048).build().fit(distinctBigrams(5000, 1), null, once)
        .buckets()).isEqualTo(2048);
    // exactly 4,096 distinct: no rounding up
    assertThat(FastTextModelTrainer.builder().build().fit(distinctBigrams(4096, 1), null, once).buckets())
        .isEqualTo(4096);
  }

  @Test
  void builderRejectsBadSettingsByName() {
    assertThatThrownBy(() -> FastTextModelTrainer.builder().dimension(1).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("dimension").hasMessageContaining("[2, 1024]");
    assertThatThrownBy(() -> FastTextModelTrainer.builder().maxBuckets(10).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("maxBuckets");
  }
}
