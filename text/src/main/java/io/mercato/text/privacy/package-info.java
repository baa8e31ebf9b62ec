/**
 * Data desensitization before anything else sees a text: {@link io.mercato.text.privacy.PiiMasker} replaces
 * e-mail addresses, phone numbers, Chinese resident ids, bank cards and IP addresses by typed placeholders.
 */
package io.mercato.text.privacy;
