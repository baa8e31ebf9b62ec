package io.mercato.core.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}: writes one model-file entry.
 *
 * @param <T> what is consumed
 */
@FunctionalInterface
public interface IoConsumer<T> {
    /** @param t the value to consume */
    void accept(T t) throws IOException;
}
