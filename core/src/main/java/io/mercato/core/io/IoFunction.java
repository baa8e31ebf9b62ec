package io.mercato.core.io;

import java.io.IOException;

/**
 * A function that may throw {@link IOException}: decodes one model-file entry.
 *
 * @param <T> the input
 * @param <R> the result
 */
@FunctionalInterface
public interface IoFunction<T, R> {
    /**
     * @param t the input
     * @return the result
     */
    R apply(T t) throws IOException;
}
