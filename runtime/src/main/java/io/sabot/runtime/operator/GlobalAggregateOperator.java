package io.sabot.runtime.operator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.agg.Aggregates;
import io.sabot.kernels.hashagg.DecimalAverage;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An aggregation without keys (one group) over integer, floating-point and decimal columns, computed with the
 * kernels' SIMD reductions over each batch's rows instead of a hash table: the planner uses it for global aggregates
 * whose inputs it supports, and {@link AggregateOperator} otherwise. Output schema, modes, null handling, bounded and
 * unbounded behaviour are those of {@link AggregateOperator} (SINGLE: one row at the end of bounded input, also for
 * empty input; PARTIAL: the partial columns, nothing for empty input, per-batch deltas on unbounded input; FINAL: merges
 * partial rows). Integer sums wrap like Java's {@code long}; decimal sums are exact and a sum beyond 38 digits is a
 * {@link DataException}; a mean of integers is {@code (double) sum / count}, of decimals DuckDB's {@code avg} (see
 * {@link DecimalAverage}).
 *
 * <p>Thread-safety: one thread at a time. Holds no off-heap state between batches; input batches are closed.
 */
public final class GlobalAggregateOperator implements Operator
{
    private static final BigInteger DECIMAL_LIMIT = BigInteger.TEN.pow(38);

    private final AggregateOperator.Mode mode;
    private final List<Aggregate> aggregates;
    private final Schema input;
    private final Schema output;
    private final List<Slot> slots = new ArrayList<>();
    private OperatorContext context;
    private boolean sawRows;

    /**
     * @param mode       the phase.
     * @param aggregates the aggregates (see {@link #supports}).
     * @param input      the input schema (PARTIAL's output for FINAL).
     * @param output     the output schema (the partial schema for PARTIAL).
     */
    public GlobalAggregateOperator(final AggregateOperator.Mode mode, final List<Aggregate> aggregates,
                                   final Schema input, final Schema output)
    {
        this.mode = mode;
        this.aggregates = List.copyOf(aggregates);
        this.input = input;
        this.output = output;
        if (!supports(mode, aggregates, input))
        {
            throw new SchemaException("global aggregation of " + aggregates + " over " + input +
                " needs integer, floating-point or decimal inputs");
        }
    }

    /**
     * @param mode       the phase.
     * @param aggregates the aggregates.
     * @param input      the input schema.
     * @return whether this operator can compute them (every input column integer, floating point or decimal128).
     */
    public static boolean supports(final AggregateOperator.Mode mode, final List<Aggregate> aggregates,
                                   final Schema input)
    {
        for (final Aggregate aggregate : aggregates)
        {
            if (aggregate.function() == Aggregate.Function.COUNT_ALL)
            {
                continue;
            }
            final List<String> columns = mode == AggregateOperator.Mode.FINAL &&
                aggregate.function() == Aggregate.Function.MEAN ?
                List.of(aggregate.name() + AggregateOperator.MEAN_SUM_SUFFIX) :
                List.of(mode == AggregateOperator.Mode.FINAL ? aggregate.name() : aggregate.column());
            for (final String column : columns)
            {
                final Field field = input.getFields().stream().filter(f -> f.getName().equals(column)).findFirst()
                    .orElse(null);
                if (field == null)
                {
                    return false;
                }
                final ArrowType type = field.getType();
                final boolean ok = type instanceof ArrowType.Int integer && integer.getIsSigned() ||
                    type instanceof ArrowType.FloatingPoint floating &&
                        floating.getPrecision() != org.apache.arrow.vector.types.FloatingPointPrecision.HALF ||
                    type instanceof ArrowType.Decimal decimal && decimal.getBitWidth() == 128;
                if (!ok && aggregate.function() != Aggregate.Function.COUNT)
                {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        int out = 0;
        for (final Aggregate aggregate : aggregates)
        {
            final Slot slot = new Slot(aggregate);
            slots.add(slot);
            if (mode == AggregateOperator.Mode.FINAL)
            {
                if (aggregate.function() == Aggregate.Function.MEAN)
                {
                    slot.column = aggregate.name() + AggregateOperator.MEAN_SUM_SUFFIX;
                    slot.countColumn = aggregate.name() + AggregateOperator.MEAN_COUNT_SUFFIX;
                }
                else
                {
                    slot.column = aggregate.name();
                }
            }
            else
            {
                slot.column = aggregate.column();
            }
            slot.outputIndex = out;
            out += mode == AggregateOperator.Mode.PARTIAL && aggregate.function() == Aggregate.Function.MEAN ? 2 : 1;
        }
    }

    @Override
    public void processBatch(final int in, final Batch batch, final Output out)
    {
        try (batch)
        {
            final Rows rows = batch.rows();
            if (rows.count() == 0)
            {
                return;
            }
            sawRows = true;
            for (final Slot slot : slots)
            {
                slot.add(batch, rows);
            }
        }
        if (!context.bounded())
        {
            out.emit(result());
            if (mode == AggregateOperator.Mode.PARTIAL)
            {
                slots.forEach(Slot::reset);
            }
        }
    }

    @Override
    public void endOfInput(final int in, final Output out)
    {
        if (!context.bounded())
        {
            return;
        }
        if (mode == AggregateOperator.Mode.PARTIAL && !sawRows)
        {
            return;
        }
        out.emit(result());
    }

    private Batch result()
    {
        final BufferAllocator allocator = context.allocator();
        final List<FieldVector> vectors = new ArrayList<>(output.getFields().size());
        try
        {
            for (final Field field : output.getFields())
            {
                final FieldVector vector = field.createVector(allocator);
                vector.setInitialCapacity(1);
                vector.allocateNew();
                vectors.add(vector);
            }
            for (final Slot slot : slots)
            {
                slot.write(vectors);
            }
            for (final FieldVector vector : vectors)
            {
                vector.setValueCount(1);
            }
            return Batch.of(vectors);
        }
        catch (final RuntimeException e)
        {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    @Override
    public void close()
    {
    }

    @Override
    public String toString()
    {
        return "GlobalAggregate " + mode + " " + aggregates;
    }

    /** The running state of one aggregate. */
    private final class Slot
    {
        final Aggregate aggregate;
        String column;
        String countColumn;
        int outputIndex;
        long count;
        long longSum;
        double doubleSum;
        BigInteger decimalSum;
        int scale;
        boolean present;
        long longExtreme;
        double doubleExtreme;
        BigDecimal decimalExtreme;

        Slot(final Aggregate aggregate)
        {
            this.aggregate = aggregate;
        }

        void reset()
        {
            count = 0;
            longSum = 0;
            doubleSum = 0;
            decimalSum = null;
            present = false;
            decimalExtreme = null;
        }

        void add(final Batch batch, final Rows rows)
        {
            final Aggregate.Function function = aggregate.function();
            final boolean merging = mode == AggregateOperator.Mode.FINAL;
            if (function == Aggregate.Function.COUNT_ALL && !merging)
            {
                count += rows.count();
                present = true;
                return;
            }
            final FieldVector vector = batch.column(column);
            if (merging && (function == Aggregate.Function.COUNT_ALL || function == Aggregate.Function.COUNT))
            {
                final OptionalLong counts = Aggregates.sum((BaseIntVector)vector, rows);
                count += counts.orElse(0);
                present = true;
                return;
            }
            if (function == Aggregate.Function.COUNT)
            {
                count += Aggregates.count(vector, rows);
                present = true;
                return;
            }
            final boolean extreme = function == Aggregate.Function.MIN || function == Aggregate.Function.MAX;
            final boolean max = function == Aggregate.Function.MAX;
            if (function == Aggregate.Function.MEAN)
            {
                count += merging ? Aggregates.sum((BaseIntVector)batch.column(countColumn), rows).orElse(0) :
                    Aggregates.count(vector, rows);
            }
            switch (vector)
            {
                case DecimalVector decimal ->
                {
                    scale = decimal.getScale();
                    if (extreme)
                    {
                        final Optional<BigDecimal> v = max ? Aggregates.max(decimal, rows) :
                            Aggregates.min(decimal, rows);
                        if (v.isPresent() && (decimalExtreme == null ||
                            (max ? v.get().compareTo(decimalExtreme) > 0 : v.get().compareTo(decimalExtreme) < 0)))
                        {
                            decimalExtreme = v.get();
                        }
                        present |= v.isPresent();
                        return;
                    }
                    final Optional<BigDecimal> sum = Aggregates.sum(decimal, rows);
                    if (sum.isPresent())
                    {
                        decimalSum = decimalSum == null ? sum.get().unscaledValue() :
                            decimalSum.add(sum.get().unscaledValue());
                        if (decimalSum.abs().compareTo(DECIMAL_LIMIT) >= 0)
                        {
                            throw new DataException("sum overflows decimal(38, " + scale + ")", column, -1);
                        }
                        present = true;
                    }
                }
                case FloatingPointVector floating ->
                {
                    if (extreme)
                    {
                        final OptionalDouble v = max ? Aggregates.max(floating, rows) : Aggregates.min(floating, rows);
                        if (v.isPresent())
                        {
                            doubleExtreme = !present ? v.getAsDouble() : max ? Math.max(doubleExtreme,
                                v.getAsDouble()) : Math.min(doubleExtreme, v.getAsDouble());
                            present = true;
                        }
                        return;
                    }
                    final OptionalDouble sum = Aggregates.sum(floating, rows);
                    if (sum.isPresent())
                    {
                        doubleSum += sum.getAsDouble();
                        present = true;
                    }
                }
                case BaseIntVector integer ->
                {
                    if (extreme)
                    {
                        final OptionalLong v = max ? Aggregates.max(integer, rows) : Aggregates.min(integer, rows);
                        if (v.isPresent())
                        {
                            longExtreme = !present ? v.getAsLong() : max ? Math.max(longExtreme, v.getAsLong()) :
                                Math.min(longExtreme, v.getAsLong());
                            present = true;
                        }
                        return;
                    }
                    final OptionalLong sum = Aggregates.sum(integer, rows);
                    if (sum.isPresent())
                    {
                        longSum += sum.getAsLong();
                        present = true;
                    }
                }
                default -> throw new SchemaException("cannot aggregate column '" + column + "' of type " +
                    vector.getField().getType());
            }
        }

        void write(final List<FieldVector> vectors)
        {
            final FieldVector target = vectors.get(outputIndex);
            switch (aggregate.function())
            {
                case COUNT_ALL, COUNT -> ((BigIntVector)target).set(0, count);
                case MEAN ->
                {
                    if (mode == AggregateOperator.Mode.PARTIAL)
                    {
                        writeSum(target);
                        ((BigIntVector)vectors.get(outputIndex + 1)).set(0, count);
                    }
                    else if (!present || count == 0)
                    {
                        target.setNull(0);
                    }
                    else
                    {
                        ((Float8Vector)target).set(0, decimalSum != null ?
                            DecimalAverage.mean(decimalSum.shiftRight(64).longValue(), decimalSum.longValue(), count,
                                scale) : isFloatSum() ? doubleSum / count : (double)longSum / count);
                    }
                }
                case SUM -> writeSum(target);
                case MIN, MAX ->
                {
                    if (!present)
                    {
                        target.setNull(0);
                        return;
                    }
                    switch (target)
                    {
                        case DecimalVector d -> d.set(0, decimalExtreme);
                        case Float8Vector f -> f.set(0, doubleExtreme);
                        case Float4Vector f -> f.set(0, (float)doubleExtreme);
                        case BigIntVector v -> v.set(0, longExtreme);
                        case IntVector v -> v.set(0, (int)longExtreme);
                        case SmallIntVector v -> v.set(0, (short)longExtreme);
                        case TinyIntVector v -> v.set(0, (byte)longExtreme);
                        default -> throw new SchemaException("cannot write " + target.getField());
                    }
                }
            }
        }

        private boolean isFloatSum()
        {
            final Field field = input.getFields().stream().filter(f -> f.getName().equals(column)).findFirst()
                .orElseThrow();
            return field.getType() instanceof ArrowType.FloatingPoint;
        }

        private void writeSum(final FieldVector target)
        {
            if (!present)
            {
                target.setNull(0);
                return;
            }
            switch (target)
            {
                case DecimalVector d -> d.set(0, new BigDecimal(decimalSum == null ? BigInteger.ZERO : decimalSum,
                    d.getScale()));
                case Float8Vector f -> f.set(0, doubleSum);
                case BigIntVector v -> v.set(0, longSum);
                default -> throw new SchemaException("cannot write a sum into " + target.getField());
            }
        }
    }
}
