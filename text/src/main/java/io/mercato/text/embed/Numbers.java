package io.mercato.text.embed;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from ASCII bytes, for vector files with millions of values.
 * Numbers of up to 18 significant digits and a decimal exponent within ±22 (every value of a
 * fastText or word2vec text file) take a fast path: the digits as an exact {@code long}, one exact
 * multiplication or division by a power of ten in {@code double} (correctly rounded), then rounded
 * to {@code float}, which may differ from {@link Float#parseFloat} in the last bit in rare halfway
 * cases. Other numbers go through {@link Float#parseFloat}.
 */
final class Numbers {

  private static final double[] POWERS = new double[23];
  private static final long TWO_TO_53 = 1L << 53;

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private Numbers() {
  }

  /** The number in {@code b[from, to)}, or NaN when it is not a finite decimal number. */
  static float parse(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int significant = 0;
    int exponent = 0;
    boolean dot = false;
    for (; i < to; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        digits++;
        if (significant > 0 || c != '0') {
          if (significant < 18) {
            mantissa = mantissa * 10 + (c - '0');
            significant++;
            if (dot) {
              exponent--;
            }
          } else if (!dot) {
            exponent++;
          }
        } else if (dot) {
          exponent--;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (digits == 0) {
      return Float.NaN;
    }
    if (i < to) {
      if (b[i] != 'e' && b[i] != 'E') {
        return Float.NaN;
      }
      i++;
      boolean negativeExponent = false;
      if (i < to && (b[i] == '-' || b[i] == '+')) {
        negativeExponent = b[i] == '-';
        i++;
      }
      if (i == to) {
        return Float.NaN;
      }
      int e = 0;
      for (; i < to; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return Float.NaN;
        }
        e = Math.min(100_000, e * 10 + (b[i] - '0'));
      }
      exponent += negativeExponent ? -e : e;
    }
    if (mantissa == 0) {
      return negative ? -0f : 0f;
    }
    if (significant < 18 && mantissa < TWO_TO_53 && exponent >= -22 && exponent <= 22) {
      double d = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
      float f = (float) d;
      return negative ? -f : f;
    }
    try {
      return Float.parseFloat(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return Float.NaN;
    }
  }
}
