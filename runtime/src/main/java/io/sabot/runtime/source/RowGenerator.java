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
}
