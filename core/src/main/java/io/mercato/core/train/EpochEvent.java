package io.mercato.core.train;

import java.time.Duration;
import java.util.Objects;

/**
 * Progress of an iterative trainer after one epoch (pass over the training data).
 *
 * @param epoch the epoch just finished, 1-based
 * @param maxEpochs the configured maximum number of epochs (training may stop earlier)
 * @param trainLoss the mean training loss of this epoch (NaN if the trainer has none)
 * @param validationMetricName name of the validation metric, or null when there is no validation
 * @param validationMetric its value (NaN when there is no validation)
 * @param elapsed time since training started
 */
public record EpochEvent(int epoch, int maxEpochs, double trainLoss, String validationMetricName,
                         double validationMetric, Duration elapsed) {
    /** Validates. */
    public EpochEvent {
        if (epoch < 1 || epoch > maxEpochs) {
            throw new IllegalArgumentException("epoch must be in [1, " + maxEpochs + "] but was " + epoch);
        }
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return a one-line summary, e.g. {@code "epoch 3/10 loss=0.4213 val-accuracy=0.8710 (1.2 s)"} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("epoch ").append(epoch).append('/').append(maxEpochs)
                .append(String.format(java.util.Locale.ROOT, " loss=%.4f", trainLoss));
        if (validationMetricName != null) {
            sb.append(String.format(java.util.Locale.ROOT, " val-%s=%.4f", validationMetricName, validationMetric));
        }
        sb.append(String.format(java.util.Locale.ROOT, " (%.1f s)", elapsed.toMillis() / 1000.0));
        return sb.toString();
    }
}
