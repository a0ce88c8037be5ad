package io.sabot.runtime.source;

import java.util.List;

import org.apache.arrow.vector.FieldVector;

/**
 * Fills a chunk of generated rows straight into Arrow vectors, for {@link GeneratorSource}.
 *
 * <p>The vectors are freshly allocated for the source's schema with room for at least {@code rowCount} values (fixed
 * width: {@code set} is enough; variable width: use {@code setSafe}); the generator writes rows {@code 0 ..
 * rowCount-1}, which stand for global rows {@code firstRow .. firstRow+rowCount-1}. The source sets the value counts
 * afterwards. Slots left unwritten are null.
 *
 * <p>Determinism: the content must depend only on {@code firstRow} and {@code rowCount} (not on the calling thread or
 * on call order), so that every split layout produces the same rows. Implementations are called concurrently from
 * several readers and must be thread-safe (stateless is simplest). The vectors are borrowed: do not close or keep them.
 */
@FunctionalInterface
public interface RowGenerator
{
    /**
     * @param firstRow the global index of row 0 of this chunk.
     * @param rowCount rows to generate, at least 1.
     * @param columns  the vectors to fill, in schema order.
     */
    void fill(long firstRow, int rowCount, List<FieldVector> columns);

    /**
     * Projection pushdown ({@link GeneratorSource#withColumns}): a generator of only some of this one's columns, so
     * unused columns are never generated. The default cannot (the source then generates every column).
     *
     * @param columns indexes of the source schema's columns to keep, ascending, fewer than all.
     * @return a generator that fills exactly those columns (in that order) with the same values as this one, or
     * {@code null} when this generator cannot.
     */
    default RowGenerator project(final int[] columns)
    {
        return null;
    }
}
