/**
 * Personal data in recommender ids: {@link io.mercato.recsys.privacy.IdPseudonymizer} replaces user and
 * item ids that are e-mail addresses or phone numbers by keyed pseudonyms before training, and lets the
 * model be queried with the original ids.
 */
package io.mercato.recsys.privacy;
