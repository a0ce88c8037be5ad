package io.sabot.jit.interp;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Frames;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.testing.Vectors;
import io.sabot.kernels.Batch;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs any {@link Program} (interpreted or generated) on a batch through {@link Frames} and returns what it wrote as
 * Java values, and computes the same with {@link ScalarReference} for comparison.
 *
 * <p>Thread-safety: stateless; output vectors are closed before returning.
 */
public final class ProgramRunner
{
    /**
     * The rows a run reads: a range, or explicit positions (which may repeat and be unsorted).
     *
     * @param offset    first row of the range (ignored for positions).
     * @param count     rows read.
     * @param positions the positions, or {@code null} for the range.
     */
    public record Rows(int offset, int count, int[] positions)
    {
        /** @param offset first row. @param count rows. @return the range. */
        public static Rows range(final int offset, final int count)
        {
            return new Rows(offset, count, null);
        }

        /** @param positions rows to read, in order. @return the selection. */
        public static Rows selection(final int[] positions)
        {
            return new Rows(0, positions.length, positions);
        }

        /** @param i 0-based index among the rows read. @return the physical row. */
        public int row(final int i)
        {
            return positions == null ? offset + i : positions[i];
        }

        @Override
        public String toString()
        {
            return positions == null ? "range(" + offset + ", " + count + ")" :
                "selection(" + count + ": " + Arrays.toString(Arrays.copyOf(positions, Math.min(count, 12))) + ")";
        }
    }

    /**
     * What a run wrote.
     *
     * @param selected the positions written to {@code selOut} (FILTER, FILTER_PROJECT), else empty.
     * @param columns  per projection, the values of the output rows ({@code null} for null).
     */
    public record Result(List<Integer> selected, List<List<Object>> columns)
    {
    }

    private ProgramRunner()
    {
    }

    /**
     * @param program     the program.
     * @param mode        the program's mode.
     * @param allocator   for the outputs (all closed before returning).
     * @param batch       the input; every column is bound.
     * @param projections the projection types, in order (empty for FILTER).
     * @param rows        the rows to read.
     * @return what was written.
     */
    public static Result run(final Program program, final Program.Mode mode, final BufferAllocator allocator,
        final Batch batch, final List<DataType> projections, final Rows rows)
    {
        final int columns = batch.columnCount();
        final Frame frame = new Frame(columns, projections.size());
        final int[] indexes = new int[columns];
        final DataType[] types = new DataType[columns];
        for (int c = 0; c < columns; c++)
        {
            indexes[c] = c;
            types[c] = DataType.of(batch.column(c).getField().getType());
        }
        Frames.bindInputs(frame, batch, indexes, types);
        final List<String> names = new ArrayList<>();
        for (int p = 0; p < projections.size(); p++)
        {
            names.add("p" + p);
        }
        final List<FieldVector> outputs = Frames.allocateOutputs(frame, names, projections, rows.count(), allocator);
        try (Arena arena = Arena.ofConfined())
        {
            MemorySegment selIn = null;
            if (rows.positions() != null)
            {
                selIn = arena.allocate(4L * Math.max(1, rows.count()));
                for (int i = 0; i < rows.count(); i++)
                {
                    selIn.setAtIndex(Layouts.INT_UNALIGNED, i, rows.positions()[i]);
                }
            }
            final MemorySegment selOut = mode == Program.Mode.PROJECT ? null :
                arena.allocate(4L * Math.max(1, rows.count()));
            final int written = program.run(frame, rows.offset(), rows.count(), selIn, selOut);
            Frames.finishOutputs(outputs, written);
            final List<Integer> selected = new ArrayList<>();
            if (selOut != null)
            {
                for (int i = 0; i < written; i++)
                {
                    selected.add(selOut.getAtIndex(Layouts.INT_UNALIGNED, i));
                }
            }
            final List<List<Object>> values = new ArrayList<>();
            for (final FieldVector output : outputs)
            {
                values.add(Vectors.toList(output));
            }
            if (mode == Program.Mode.PROJECT && written != rows.count())
            {
                throw new AssertionError("PROJECT returned " + written + " for " + rows.count() + " rows");
            }
            return new Result(selected, values);
        }
        finally
        {
            outputs.forEach(FieldVector::close);
        }
    }

    /**
     * @param mode        the mode.
     * @param predicate   the predicate, {@code null} for PROJECT.
     * @param projections the projections.
     * @param batch       the input.
     * @param rows        the rows read.
     * @return what a correct program writes, by {@link ScalarReference}.
     */
    public static Result expected(final Program.Mode mode, final Bound predicate, final List<Bound> projections,
        final Batch batch, final Rows rows)
    {
        final List<Integer> selected = new ArrayList<>();
        final List<List<Object>> values = new ArrayList<>();
        for (int p = 0; p < projections.size(); p++)
        {
            values.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.count(); i++)
        {
            final int row = rows.row(i);
            if (predicate != null)
            {
                if (!Boolean.TRUE.equals(ScalarReference.eval(predicate, batch, row)))
                {
                    continue;
                }
                selected.add(row);
            }
            for (int p = 0; p < projections.size(); p++)
            {
                values.get(p).add(ScalarReference.eval(projections.get(p), batch, row));
            }
        }
        return new Result(selected, values);
    }
}
