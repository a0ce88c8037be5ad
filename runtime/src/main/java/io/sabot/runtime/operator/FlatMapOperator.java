package io.sabot.runtime.operator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code flatMap} with user code, in two flavours:
 * <ul>
 *   <li>batch level ({@link #FlatMapOperator(BatchFunction)}): the function sees each input batch and emits any number
 *       of new batches (zero, one or many), allocated from the allocator it is given;</li>
 *   <li>row level ({@link #rows(Schema, RowFunction)}): the function sees one live row at a time through a
 *       {@link Row} and writes any number of output rows of a declared schema through a {@link RowWriter}; the
 *       operator packs them into batches of at most {@code batchSize} rows and emits what it has after each input
 *       batch (so nothing waits for end of input).</li>
 * </ul>
 *
 * <p>Stateless (as far as the operator goes; user functions should be too): bounded and unbounded input behave the
 * same, end of input emits nothing, and the row writer is flushed after every input batch, so nothing is held
 * between calls ({@link StatelessOperator}). Checkpoints do not capture anything a user function keeps across calls;
 * state that must survive failures belongs in a keyed process function. Nulls: {@link Row#isNull} tells them; columns a row does not write are null.
 *
 * <p><b>Ownership</b>: the input batch stays owned by the operator, which closes it after the function returns; the
 * function must not keep it, close it or emit it or its vectors (copy what it needs). Batches the function emits
 * become the output's. Exceptions from user code propagate (the input batch is still closed).
 *
 * <p>Thread-safety: one thread at a time (the operator contract); the function may be shared by several instances
 * only if it is thread-safe itself.
 */
public final class FlatMapOperator implements StatelessOperator
{
    /** The default most rows per batch the row-level flavour emits. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    /** Batch-level user code. */
    @FunctionalInterface
    public interface BatchFunction
    {
        /**
         * @param in        the input (read only; closed by the operator afterwards).
         * @param allocator where to allocate output batches.
         * @param out       where to emit new batches (ownership passes to it).
         */
        void apply(Batch in, BufferAllocator allocator, Output out);
    }

    /** Row-level user code. */
    @FunctionalInterface
    public interface RowFunction
    {
        /**
         * @param row the current input row (valid during the call only).
         * @param out where to write zero or more output rows.
         */
        void apply(Row row, RowWriter out);
    }

    private final BatchFunction batchFunction;
    private final RowFunction rowFunction;
    private final Schema outputSchema;
    private final int batchSize;
    private OperatorContext context;
    private RowWriter writer;

    /**
     * @param function the batch-level user code.
     */
    public FlatMapOperator(final BatchFunction function)
    {
        this(Objects.requireNonNull(function, "function"), null, null, DEFAULT_BATCH_SIZE);
    }

    private FlatMapOperator(final BatchFunction batchFunction, final RowFunction rowFunction, final Schema outputSchema,
        final int batchSize)
    {
        if (batchSize < 1)
        {
            throw new SchemaException("flatMap batch size must be >= 1, was " + batchSize);
        }
        this.batchFunction = batchFunction;
        this.rowFunction = rowFunction;
        this.outputSchema = outputSchema;
        this.batchSize = batchSize;
    }

    /**
     * @param outputSchema the schema of the rows the function writes.
     * @param function     the row-level user code.
     * @return a row-level flatMap emitting batches of at most {@value #DEFAULT_BATCH_SIZE} rows.
     */
    public static FlatMapOperator rows(final Schema outputSchema, final RowFunction function)
    {
        return rows(outputSchema, function, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param outputSchema the schema of the rows the function writes (int8..int64, float32/64, boolean, utf8,
     *                     date(day) columns).
     * @param function     the row-level user code.
     * @param batchSize    the most rows per emitted batch, at least 1.
     * @return a row-level flatMap.
     * @throws SchemaException for a column type the writer cannot write.
     */
    public static FlatMapOperator rows(final Schema outputSchema, final RowFunction function, final int batchSize)
    {
        for (final Field field : outputSchema.getFields())
        {
            RowWriter.checkWritable(field);
        }
        return new FlatMapOperator(null, Objects.requireNonNull(function, "function"), outputSchema, batchSize);
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        if (rowFunction != null)
        {
            writer = new RowWriter(outputSchema, context.allocator(), batchSize);
        }
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try (batch)
        {
            if (batchFunction != null)
            {
                batchFunction.apply(batch, context.allocator(), out);
                return;
            }
            writer.out = out;
            final Row row = new Row(batch);
            final Rows rows = batch.rows();
            final int n = rows.count();
            for (int i = 0; i < n; i++)
            {
                row.row = rows.rowAt(i);
                rowFunction.apply(row, writer);
            }
            writer.flush();
        }
        catch (final RuntimeException | Error e)
        {
            if (writer != null)
            {
                // Rows written for a batch that failed are dropped with it.
                writer.close();
            }
            throw e;
        }
        finally
        {
            if (writer != null)
            {
                writer.out = null;
            }
        }
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        // Rows are flushed after every input batch.
    }

    @Override
    public void close()
    {
        if (writer != null)
        {
            writer.close();
            writer = null;
        }
    }

    @Override
    public String toString()
    {
        return batchFunction != null ? "FlatMap(batch)" : "FlatMap(rows -> " + outputSchema + ")";
    }

    /**
     * Read access to the current input row. Getters take a column index ({@link #column(String)} finds it); they
     * convert like Java widening does ({@link #getLong} reads any integer or date column, {@link #getDouble} any
     * numeric one). The value of a null is unspecified: check {@link #isNull} first.
     *
     * <p>Valid only during the {@link RowFunction#apply} call; not thread-safe.
     */
    public static final class Row
    {
        private final Batch batch;
        private int row;

        private Row(final Batch batch)
        {
            this.batch = batch;
        }

        /**
         * @return the input schema.
         */
        public Schema schema()
        {
            return batch.schema();
        }

        /**
         * @param name a column name.
         * @return its index.
         * @throws SchemaException naming it and listing the schema when unknown.
         */
        public int column(final String name)
        {
            return Batches.indexOf(batch.schema(), name, "flatMap");
        }

        /**
         * @param column a column index.
         * @return whether the value is null.
         */
        public boolean isNull(final int column)
        {
            return batch.column(column).isNull(row);
        }

        /**
         * @param column an integer or date column.
         * @return the value.
         */
        public long getLong(final int column)
        {
            final FieldVector vector = batch.column(column);
            if (vector instanceof BaseIntVector integer)
            {
                return integer.getValueAsLong(row);
            }
            if (vector instanceof DateDayVector date)
            {
                return date.get(row);
            }
            throw typeError(vector, "getLong");
        }

        /**
         * @param column an integer or date column whose values fit an int.
         * @return the value.
         */
        public int getInt(final int column)
        {
            return Math.toIntExact(getLong(column));
        }

        /**
         * @param column a numeric column.
         * @return the value as a double.
         */
        public double getDouble(final int column)
        {
            final FieldVector vector = batch.column(column);
            if (vector instanceof Float8Vector f)
            {
                return f.get(row);
            }
            if (vector instanceof Float4Vector f)
            {
                return f.get(row);
            }
            if (vector instanceof BaseIntVector integer)
            {
                return integer.getValueAsLong(row);
            }
            throw typeError(vector, "getDouble");
        }

        /**
         * @param column a boolean column.
         * @return the value.
         */
        public boolean getBoolean(final int column)
        {
            final FieldVector vector = batch.column(column);
            if (vector instanceof BitVector bits)
            {
                return bits.get(row) != 0;
            }
            throw typeError(vector, "getBoolean");
        }

        /**
         * @param column a utf8 column.
         * @return the value decoded, or {@code null} for null.
         */
        public String getString(final int column)
        {
            final FieldVector vector = batch.column(column);
            if (vector instanceof VarCharVector chars)
            {
                final byte[] bytes = chars.get(row);
                return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
            }
            throw typeError(vector, "getString");
        }

        /**
         * @param column any column.
         * @return Arrow's Java object for the value ({@code null} for null); allocates, for convenience paths.
         */
        public Object getObject(final int column)
        {
            final Object value = batch.column(column).getObject(row);
            return value instanceof org.apache.arrow.vector.util.Text text ? text.toString() : value;
        }

        private static SchemaException typeError(final FieldVector vector, final String getter)
        {
            return new SchemaException(getter + " cannot read column '" + vector.getName() + "' of type " +
                vector.getField().getType());
        }
    }

    /**
     * Writes output rows: set the columns of the row being built (unset ones are null), then {@link #emitRow()}.
     * Batches of the declared schema are emitted when full and after each input batch.
     *
     * <p>Owned by its operator; not thread-safe; usable only during {@link RowFunction#apply}.
     */
    public static final class RowWriter implements AutoCloseable
    {
        private final Schema schema;
        private final BufferAllocator allocator;
        private final int batchSize;
        private List<FieldVector> vectors;
        private int rows;
        private Output out;

        private RowWriter(final Schema schema, final BufferAllocator allocator, final int batchSize)
        {
            this.schema = schema;
            this.allocator = allocator;
            this.batchSize = batchSize;
        }

        static void checkWritable(final Field field)
        {
            final ArrowType type = field.getType();
            // an extension type reports its storage's type id: it is not writable as that storage
            final boolean writable = !(type instanceof ArrowType.ExtensionType) && switch (type.getTypeID())
            {
                case Int, Bool, Utf8 -> true;
                case FloatingPoint -> ((ArrowType.FloatingPoint)type).getPrecision() != FloatingPointPrecision.HALF;
                case Date -> ((ArrowType.Date)type).getUnit() == DateUnit.DAY;
                default -> false;
            };
            if (!writable || (type instanceof ArrowType.Int integer && !integer.getIsSigned()))
            {
                throw new SchemaException("flatMap row writer cannot write column '" + field.getName() +
                    "' of type " + type + "; use signed int, float32/64, boolean, utf8 or date(day) columns");
            }
        }

        /**
         * @param name an output column name.
         * @return its index.
         */
        public int column(final String name)
        {
            return Batches.indexOf(schema, name, "flatMap output");
        }

        private FieldVector vector(final int column)
        {
            ensureVectors();
            return vectors.get(column);
        }

        private void ensureVectors()
        {
            if (vectors == null)
            {
                final List<FieldVector> created = new ArrayList<>(schema.getFields().size());
                try
                {
                    for (final Field field : schema.getFields())
                    {
                        final FieldVector vector = field.createVector(allocator);
                        created.add(vector);
                        vector.setInitialCapacity(Math.min(batchSize, 1024));
                        vector.allocateNew();
                    }
                }
                catch (final RuntimeException | Error e)
                {
                    Batches.closeAll(created);
                    throw e;
                }
                vectors = created;
            }
        }

        /**
         * @param column an output column index.
         * @param value  an integer (also for date columns, as days) or a number for float columns.
         * @return this writer.
         */
        public RowWriter setLong(final int column, final long value)
        {
            final FieldVector vector = vector(column);
            switch (vector)
            {
                case BigIntVector v -> v.setSafe(rows, value);
                case IntVector v -> v.setSafe(rows, Math.toIntExact(value));
                case SmallIntVector v -> v.setSafe(rows, (short)value);
                case TinyIntVector v -> v.setSafe(rows, (byte)value);
                case DateDayVector v -> v.setSafe(rows, Math.toIntExact(value));
                case Float8Vector v -> v.setSafe(rows, value);
                case Float4Vector v -> v.setSafe(rows, value);
                default -> throw typeError(vector, "setLong");
            }
            return this;
        }

        /**
         * @param column an output column index (float or integer; integers truncate).
         * @param value  the value.
         * @return this writer.
         */
        public RowWriter setDouble(final int column, final double value)
        {
            final FieldVector vector = vector(column);
            switch (vector)
            {
                case Float8Vector v -> v.setSafe(rows, value);
                case Float4Vector v -> v.setSafe(rows, (float)value);
                default -> setLong(column, (long)value);
            }
            return this;
        }

        /**
         * @param column a boolean output column index.
         * @param value  the value.
         * @return this writer.
         */
        public RowWriter setBoolean(final int column, final boolean value)
        {
            final FieldVector vector = vector(column);
            if (vector instanceof BitVector bits)
            {
                bits.setSafe(rows, value ? 1 : 0);
                return this;
            }
            throw typeError(vector, "setBoolean");
        }

        /**
         * @param column a utf8 output column index.
         * @param value  the value; {@code null} writes null.
         * @return this writer.
         */
        public RowWriter setString(final int column, final String value)
        {
            final FieldVector vector = vector(column);
            if (vector instanceof VarCharVector chars)
            {
                if (value != null)
                {
                    chars.setSafe(rows, value.getBytes(StandardCharsets.UTF_8));
                }
                return this;
            }
            throw typeError(vector, "setString");
        }

        /**
         * Leaves the column null in the row being built (the default for columns not set).
         *
         * @param column an output column index.
         * @return this writer.
         */
        public RowWriter setNull(final int column)
        {
            final FieldVector vector = vector(column);
            if (vector.getValueCapacity() <= rows)
            {
                return this;
            }
            if (vector instanceof BaseFixedWidthVector fixed)
            {
                fixed.setNull(rows);
            }
            else if (vector instanceof BaseVariableWidthVector variable)
            {
                variable.setNull(rows);
            }
            return this;
        }

        /**
         * Ends the row being built; unset columns are null. Emits a batch when {@code batchSize} rows are written.
         */
        public void emitRow()
        {
            ensureVectors();
            rows++;
            if (rows == batchSize)
            {
                flush();
            }
        }

        private void flush()
        {
            if (rows == 0 || vectors == null)
            {
                return;
            }
            final List<FieldVector> full = vectors;
            final int count = rows;
            vectors = null;
            rows = 0;
            final Batch batch;
            try
            {
                for (final FieldVector vector : full)
                {
                    vector.setValueCount(count);
                }
                batch = Batch.of(full);
            }
            catch (final RuntimeException | Error e)
            {
                Batches.closeAll(full);
                throw e;
            }
            out.emit(batch);
        }

        private static SchemaException typeError(final FieldVector vector, final String setter)
        {
            return new SchemaException(setter + " cannot write column '" + vector.getName() + "' of type " +
                vector.getField().getType());
        }

        @Override
        public void close()
        {
            if (vectors != null)
            {
                Batches.closeAll(vectors);
                vectors = null;
            }
            rows = 0;
        }
    }
}
