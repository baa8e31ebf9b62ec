/**
 * Linear item-item models learned in closed form: {@link io.mercato.recsys.linear.Ease} (EASE^R, Steck 2019).
 */
package io.mercato.recsys.linear;
