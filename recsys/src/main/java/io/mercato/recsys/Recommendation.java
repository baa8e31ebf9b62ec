package io.mercato.recsys;

/**
 * One recommended item: its external id, its dense index in the model's item index and the score the
 * model gave it (higher is better; comparable only within one model).
 */
public record Recommendation(String item, int itemIndex, double score) {
}
