package io.mercato.recsys.baseline;

import io.mercato.recsys.data.Interactions;
import io.mercato.recsys.data.SparseMatrix;

/**
 * Baseline estimates {@code b_ui = mu + b_u + b_i}: the global mean plus regularized user and item
 * biases, fitted by alternating least squares (Koren 2010, as Surprise's {@code baseline_only}):
 * each sweep sets {@code b_i = sum_u (r_ui - mu - b_u) / (regItem + |U_i|)}, then
 * {@code b_u = sum_i (r_ui - mu - b_i) / (regUser + |I_u|)}. Immutable.
 */
public final class Biases {

    private final double mean;
    private final double[] user;
    private final double[] item;

    Biases(double mean, double[] user, double[] item) {
        this.mean = mean;
        this.user = user;
        this.item = item;
    }

    /** Fits biases with {@code sweeps} ALS sweeps starting from zero. */
    public static Biases fit(Interactions data, double regUser, double regItem, int sweeps) {
        double mu = data.globalMean();
        double[] bu = new double[data.userCount()];
        double[] bi = new double[data.itemCount()];
        SparseMatrix byUser = data.byUser();
        SparseMatrix byItem = data.byItem();
        for (int s = 0; s < sweeps; s++) {
            for (int i = 0; i < bi.length; i++) {
                double sum = 0;
                for (int k = byItem.start(i); k < byItem.end(i); k++) {
                    sum += byItem.value(k) - mu - bu[byItem.index(k)];
                }
                bi[i] = sum / (regItem + byItem.length(i));
            }
            for (int u = 0; u < bu.length; u++) {
                double sum = 0;
                for (int k = byUser.start(u); k < byUser.end(u); k++) {
                    sum += byUser.value(k) - mu - bi[byUser.index(k)];
                }
                bu[u] = sum / (regUser + byUser.length(u));
            }
        }
        return new Biases(mu, bu, bi);
    }

    /** Restores saved biases. */
    public static Biases of(double mean, double[] userBiases, double[] itemBiases) {
        return new Biases(mean, userBiases.clone(), itemBiases.clone());
    }

    /** The global mean {@code mu}. */
    public double mean() {
        return mean;
    }

    /** {@code b_u}. */
    public double user(int u) {
        return user[u];
    }

    /** {@code b_i}. */
    public double item(int i) {
        return item[i];
    }

    /** {@code mu + b_u + b_i}. */
    public double estimate(int u, int i) {
        return mean + user[u] + item[i];
    }

    /** Writes the biases as entries "mean", "userBiases", "itemBiases". */
    public void writeTo(io.mercato.recsys.ModelWriter out) {
        out.doubles("mean", new double[] {mean});
        out.doubles("userBiases", user);
        out.doubles("itemBiases", item);
    }

    /** Reads biases written by {@link #writeTo}, checking their sizes against the training data. */
    public static Biases read(io.mercato.recsys.ModelReader in, Interactions data) {
        double[] mean = in.doubles("mean");
        double[] bu = in.doubles("userBiases");
        double[] bi = in.doubles("itemBiases");
        if (mean.length != 1 || bu.length != data.userCount() || bi.length != data.itemCount()) {
            throw in.corrupt("bias arrays do not match the training data");
        }
        return new Biases(mean[0], bu, bi);
    }

    /** All user biases (a copy). */
    public double[] userBiases() {
        return user.clone();
    }

    /** All item biases (a copy). */
    public double[] itemBiases() {
        return item.clone();
    }
}
