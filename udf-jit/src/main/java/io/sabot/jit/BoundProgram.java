package io.sabot.jit;

import io.sabot.kernels.decimal.Decimal64Type;
import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.codegen.BoundTrees;
import io.sabot.jit.codegen.JitEngine;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Frames;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.expr.ValueType;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the three compiled forms share: the program, the columns it reads, the schema check and the frame set-up.
 *
 * <p>Thread-safety: immutable.
 */
final class BoundProgram
{
    /** The input columns the program reads, sorted by index; computed on first use, off the cache-hit path. */
    private record Inputs(int[] columns, DataType[] types, String[] names, ValueType[] sources, boolean[] decimal64)
    {
    }

    private final JitEngine.Prepared prepared;
    private final java.util.function.Supplier<String> text;
    private final int columnCount;
    private final Bound predicate;
    private final List<Bound> projections;
    private final List<String> outputNames;
    private final List<ValueType> outputTypes;
    private volatile List<Bound.Exact> sites;
    private volatile Program exact;
    private volatile String expression;
    private volatile Inputs inputs;

    BoundProgram(final JitEngine.Prepared prepared, final java.util.function.Supplier<String> text,
        final Schema schema, final Bound predicate, final List<Bound> projections, final List<String> outputNames,
        final List<ValueType> outputTypes)
    {
        this.prepared = prepared;
        this.text = text;
        this.columnCount = schema.getFields().size();
        this.predicate = predicate;
        this.projections = List.copyOf(projections);
        this.outputNames = List.copyOf(outputNames);
        this.outputTypes = List.copyOf(outputTypes);
    }

    private Inputs inputs()
    {
        Inputs in = inputs;
        if (in == null)
        {
            final TreeMap<Integer, Bound.Column> used = new TreeMap<>();
            if (predicate != null)
            {
                collect(predicate, used);
            }
            for (final Bound p : projections)
            {
                collect(p, used);
            }
            final int[] columns = new int[used.size()];
            final DataType[] types = new DataType[used.size()];
            final String[] names = new String[used.size()];
            final ValueType[] sources = new ValueType[used.size()];
            final boolean[] decimal64 = new boolean[used.size()];
            int i = 0;
            for (final Bound.Column c : used.values())
            {
                columns[i] = c.index();
                types[i] = c.source().type();
                names[i] = c.name();
                sources[i] = c.source();
                decimal64[i] = c.decimal64();
                i++;
            }
            in = new Inputs(columns, types, names, sources, decimal64);
            inputs = in;
        }
        return in;
    }

    private static void collect(final Bound root, final TreeMap<Integer, Bound.Column> used)
    {
        BoundTrees.preOrder(root, node ->
        {
            if (node instanceof Bound.Column c)
            {
                used.putIfAbsent(c.index(), c);
            }
        });
    }

    /** The text form, printed on first use (printing is not free and the cache-hit path does not need it). */
    String expression()
    {
        String e = expression;
        if (e == null)
        {
            e = text.get();
            expression = e;
        }
        return e;
    }

    String shapeKey()
    {
        return prepared.shapeKey();
    }

    boolean isCompiled()
    {
        return prepared.compiled();
    }

    String fallbackReason()
    {
        return prepared.fallbackReason();
    }

    /** Checks the batch against the compiled schema and binds its columns; touches no memory on a mismatch. */
    private Frame bindInputs(final Batch batch)
    {
        final Inputs in = inputs();
        final int[] columns = in.columns();
        final DataType[] types = in.types();
        final String[] names = in.names();
        final List<Field> fields = batch.schema().getFields();
        for (int i = 0; i < columns.length; i++)
        {
            final int index = columns[i];
            if (index >= fields.size() || !fields.get(index).getName().equals(names[i]))
            {
                throw new SchemaException("column '" + names[i] + "' (" + types[i] + ", index " + index +
                    ") is missing from the batch, whose schema is " + batch.schema());
            }
            final ValueType actual = ValueType.of(fields.get(index).getType());
            if (!in.sources()[i].equals(actual) ||
                Decimal64Type.is(fields.get(index).getType()) != in.decimal64()[i])
            {
                throw new SchemaException("column '" + names[i] + "' was compiled as " + in.sources()[i] +
                    (in.decimal64()[i] ? " (decimal64)" : "") +
                    " but the batch has " + fields.get(index).getType());
            }
        }
        final Frame frame = new Frame(Math.max(columnCount, fields.size()), outputNames.size());
        Frames.bindInputs(frame, batch, columns, types);
        return frame;
    }

    SelectionVector filter(final Batch batch, final BufferAllocator allocator)
    {
        final Frame frame = bindInputs(batch);
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        final SelectionVector out = new SelectionVector(allocator, count);
        try
        {
            final int k = run(frame, count, in, out.segment(), null);
            out.count(k);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    int filterInto(final Batch batch, final SelectionVector out)
    {
        final Frame frame = bindInputs(batch);
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        if (out.capacity() < count)
        {
            throw new SchemaException("the output selection has room for " + out.capacity() + " positions but the " +
                "batch has " + count + " rows");
        }
        final int k = run(frame, count, in, out.segment(), null);
        out.count(k);
        return k;
    }

    int projectInto(final Batch batch, final List<FieldVector> outputs)
    {
        final Frame frame = bindInputs(batch);
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        Frames.bindTypedOutputs(frame, outputs, outputTypes, count);
        final int n = run(frame, count, in, null, outputs);
        Frames.finishOutputs(outputs, n);
        return n;
    }

    Batch project(final Batch batch, final BufferAllocator allocator)
    {
        final Frame frame = bindInputs(batch);
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        final List<FieldVector> outputs = Frames.allocateTypedOutputs(frame, outputNames, outputTypes, count,
            allocator);
        try
        {
            final int n = run(frame, count, in, null, outputs);
            Frames.finishOutputs(outputs, n);
            return Batch.of(outputs);
        }
        catch (final RuntimeException | Error e)
        {
            for (final FieldVector v : outputs)
            {
                v.close();
            }
            throw e;
        }
    }

    private int run(final Frame frame, final int count, final SelectionVector in, final MemorySegment selOut,
        final List<FieldVector> outputs)
    {
        final Program program = prepared.program();
        int n = in == null ? program.run(frame, 0, count, null, selOut) :
            program.run(frame, 0, count, in.segment(), selOut);
        if (frame.recheck)
        {
            // vector code could not prove an exact decimal operation free of overflow: the interpreter decides
            frame.recheck = false;
            frame.overflow = 0;
            if (outputs != null)
            {
                Frames.bindTypedOutputs(frame, outputs, outputTypes, count);
            }
            n = exact().run(frame, 0, count, in == null ? null : in.segment(), selOut);
        }
        if (frame.overflow != 0)
        {
            throw new DataException(sites().get(frame.overflow - 1).message(), null, -1);
        }
        return n;
    }

    /**
     * Runs an ACCUMULATE program over the batch's rows (its selection, if any).
     *
     * @param batch  the input.
     * @param codes  group code per row read, indexed by row (also with a selection: by the selected position).
     * @param longs  long accumulators.
     * @param doubles double accumulators.
     * @return rows read.
     */
    int accumulate(final Batch batch, final int[] codes, final long[] longs, final double[] doubles)
    {
        final Frame frame = bindInputs(batch);
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        if (codes.length < batch.rowCount())
        {
            throw new IllegalArgumentException("codes has " + codes.length + " entries for " + batch.rowCount() +
                " rows");
        }
        frame.codes = codes;
        frame.codeBase = 0;
        frame.accLongs = longs;
        frame.accDoubles = doubles;
        prepared.program().run(frame, 0, count, in == null ? null : in.segment(), null);
        if (frame.overflow != 0)
        {
            throw new DataException(sites().get(frame.overflow - 1).message(), null, -1);
        }
        return count;
    }

    /** The exact scalar program re-running a batch whose vector range checks failed; built on first use. */
    private Program exact()
    {
        Program p = exact;
        if (p == null)
        {
            final Program.Mode mode = predicate == null ? Program.Mode.PROJECT :
                projections.isEmpty() ? Program.Mode.FILTER : Program.Mode.FILTER_PROJECT;
            p = new Interpreter(mode, predicate, projections);
            exact = p;
        }
        return p;
    }

    /** The exact decimal nodes in site order; computed on first overflow only. */
    private List<Bound.Exact> sites()
    {
        List<Bound.Exact> s = sites;
        if (s == null)
        {
            s = BoundTrees.exactSites(predicate, projections);
            sites = s;
        }
        return s;
    }

    /** @return the value types of the projections, in order. */
    List<ValueType> outputTypes()
    {
        return outputTypes;
    }
}
