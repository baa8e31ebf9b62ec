package io.mercato.recsys.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mercato.recsys.baseline.BaselinePredictor;
import io.mercato.recsys.baseline.Popularity;
import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.hybrid.WeightedHybrid;
import io.mercato.recsys.knn.Knn;
import io.mercato.recsys.knn.RankingWeight;
import io.mercato.recsys.knn.Similarity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Opt-in measurement on the peers' prepared splits (shared/peers/prepare), not a unit test: runs only
 * with {@code -Dmercato.prepared=DIR} (e.g. {@code mvn -B -o -q -pl recsys -am test
 * -Dtest=PreparedSplitMeasurement -Dmercato.prepared=/tmp/prepared -Dsurefire.failIfNoSpecifiedTests=false})
 * and prints the Evaluator's table per dataset; {@code -Dmercato.folds=5} adds 5-fold cross-validation
 * of the rating models on train + test.
 */
class PreparedSplitMeasurement {

    private static Interactions load(Path file) {
        return Interactions.csv(file).ratingColumn("rating").timestampColumn("timestamp").load();
    }

    @Test
    void peersProtocol() {
        String root = System.getProperty("mercato.prepared");
        assumeTrue(root != null, "set -Dmercato.prepared=DIR to run");
        for (String name : new String[] {"ml-latest-small", "online-retail"}) {
            Path dir = Path.of(root, name);
            if (!Files.exists(dir.resolve("train.csv"))) {
                continue;
            }
            boolean implicit = Files.exists(dir.resolve("kind")) && readKind(dir).equals("implicit");
            Interactions train = load(dir.resolve("train.csv"));
            Interactions test = load(dir.resolve("test.csv"));
            Evaluator.Builder b = Evaluator.builder();
            if (implicit) {
                b.allTestItemsRelevant();
            }
            b.add("popularity", Popularity.builder().build())
                    .add("baseline", BaselinePredictor.builder().build())
                    .add("item-knn", Knn.itemBased().build())
                    .add("item-knn residual", Knn.itemBased().rankingWeight(RankingWeight.RESIDUAL).build())
                    .add("item-knn pearson-baseline", Knn.itemBased().similarity(Similarity.PEARSON_BASELINE).build())
                    .add("user-knn", Knn.userBased().build())
                    .add("item-knn + popularity", WeightedHybrid.builder().add(Knn.itemBased().build(), 0.8)
                            .add(Popularity.builder().build(), 0.2).build());
            Evaluator evaluator = b.build();
            System.out.println("== " + name + " (" + train.size() + " train / " + test.size() + " test)");
            System.out.println(evaluator.evaluate(new Split(train, test)));
            int folds = Integer.getInteger("mercato.folds", 0);
            if (folds > 1 && !implicit) {
                Evaluator cv = Evaluator.builder().add("baseline", BaselinePredictor.builder().build())
                        .add("item-knn", Knn.itemBased().build()).build();
                System.out.println(cv.crossValidate(train.plus(test, Interactions.DuplicatePolicy.LAST), folds, 42));
            }
        }
    }

    private static String readKind(Path dir) {
        try {
            return Files.readString(dir.resolve("kind")).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
