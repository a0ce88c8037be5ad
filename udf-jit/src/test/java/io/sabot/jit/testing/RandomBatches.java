package io.sabot.jit.testing;

import io.sabot.jit.expr.DataType;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random batches for expression tests, with the edge values that break expression code mixed in on purpose: NaN,
 * -0.0, +-Infinity, MIN/MAX of every integer type, 0, -1, integral floats beyond the long range, empty strings,
 * multi-byte UTF-8 (2, 3 and 4 bytes) and strings that are prefixes, suffixes and substrings of each other, so that
 * string predicates hit. Also sliced batches (vectors from {@code splitAndTransfer} at odd offsets), random
 * selections with repeats, and a schema from a column map.
 *
 * <p>Ownership: every returned batch is owned by the caller. Thread-safety: stateless; the {@link Random} is the
 * caller's.
 */
public final class RandomBatches
{
    /** Strings drawn often; many are prefixes/suffixes/substrings of others, several are multi-byte. */
    public static final List<String> STRINGS = List.of("", "a", "ab", "abc", "abcabc", "b", "ba", "bab", "z", "é",
        "éa", "aé", "aéb", "日本", "日本語", "本", "🙂", "a🙂", "🙂b", "a🙂b", "ÿ", "\u007f", "Ab", "abd");

    private static final int[] INTS = {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, 2, -2, 7, -7,
        Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1};
    private static final long[] LONGS = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, 2L, -2L, 7L, -7L,
        Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, (1L << 53) + 1, Long.MIN_VALUE + 1};
    private static final double[] DOUBLES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -1.0, 1.0, 0.5, -0.5, 2.5,
        -2.5, 1e20, -1e20, 3e9, -3e9, Math.E, Long.MAX_VALUE, Integer.MIN_VALUE};
    private static final float[] FLOATS = {Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -1.0f, 1.0f, 0.5f, -0.5f, 2.5f,
        -2.5f, 1e20f, -1e20f, 3e9f, -3e9f, 16_777_217f};

    private RandomBatches()
    {
    }

    /**
     * @param columns column names and types, in schema order (use an ordered map).
     * @return the schema, every field nullable.
     */
    public static Schema schema(final Map<String, DataType> columns)
    {
        final List<Field> fields = new ArrayList<>(columns.size());
        columns.forEach((name, type) -> fields.add(new Field(name, FieldType.nullable(type.arrowType()), null)));
        return new Schema(fields);
    }

    /**
     * @param allocator    where the vectors live.
     * @param random       the source of randomness.
     * @param columns      column names and types, in order.
     * @param rows         rows per column.
     * @param nullFraction probability that a slot is null (0 gives vectors with null count 0).
     * @return a new batch owned by the caller.
     */
    public static Batch create(final BufferAllocator allocator, final Random random,
        final Map<String, DataType> columns, final int rows, final double nullFraction)
    {
        final List<FieldVector> vectors = new ArrayList<>(columns.size());
        try
        {
            for (final Map.Entry<String, DataType> column : columns.entrySet())
            {
                vectors.add(vector(allocator, random, column.getKey(), column.getValue(), rows, nullFraction));
            }
        }
        catch (final RuntimeException | Error e)
        {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(vectors);
    }

    /**
     * A batch whose vectors are slices of a larger random batch at {@code offset} (data buffers start mid-buffer,
     * validity bits are re-based by Arrow at offsets that are not multiples of 8).
     *
     * @param allocator    where the vectors live.
     * @param random       the source of randomness.
     * @param columns      column names and types, in order.
     * @param rows         rows of the result.
     * @param nullFraction probability of a null slot.
     * @param offset       where the slice starts in the larger batch (use odd values).
     * @return a new batch owned by the caller (the larger batch is already released).
     */
    public static Batch createSliced(final BufferAllocator allocator, final Random random,
        final Map<String, DataType> columns, final int rows, final double nullFraction, final int offset)
    {
        try (Batch whole = create(allocator, random, columns, offset + rows + 5, nullFraction))
        {
            return slice(whole, offset, rows);
        }
    }

    /**
     * @param source a batch, still owned by the caller afterwards.
     * @param offset first row of the slice.
     * @param length rows in the slice.
     * @return a new batch of vectors made with {@code getTransferPair(..).splitAndTransfer(offset, length)}.
     */
    public static Batch slice(final Batch source, final int offset, final int length)
    {
        final List<FieldVector> vectors = new ArrayList<>(source.columnCount());
        try
        {
            for (final FieldVector vector : source.columns())
            {
                final TransferPair pair = vector.getTransferPair(vector.getAllocator());
                pair.splitAndTransfer(offset, length);
                vectors.add((FieldVector)pair.getTo());
            }
        }
        catch (final RuntimeException | Error e)
        {
            vectors.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(vectors);
    }

    /**
     * @param random   the source.
     * @param rowCount rows in the batch (positions are below it).
     * @param count    positions wanted (0 when {@code rowCount} is 0).
     * @return random positions, unsorted and with repeats.
     */
    public static int[] selection(final Random random, final int rowCount, final int count)
    {
        if (rowCount == 0)
        {
            return new int[0];
        }
        final int[] positions = new int[count];
        for (int i = 0; i < count; i++)
        {
            positions[i] = random.nextInt(5) == 0 && i > 0 ? positions[random.nextInt(i)] : random.nextInt(rowCount);
        }
        return positions;
    }

    /**
     * @param random the source.
     * @param type   a type.
     * @return a random non-null value of that type as a Java object (as {@link Vectors#read} returns), edge values
     *     about half of the time.
     */
    public static Object value(final Random random, final DataType type)
    {
        final boolean edge = random.nextBoolean();
        return switch (type)
        {
            case BOOLEAN -> random.nextBoolean();
            case INT32 -> edge ? INTS[random.nextInt(INTS.length)] : random.nextInt(2001) - 1000;
            case INT64 -> edge ? LONGS[random.nextInt(LONGS.length)] :
                random.nextInt(8) == 0 ? random.nextLong() : (long)(random.nextInt(2001) - 1000);
            case FLOAT32 -> edge ? FLOATS[random.nextInt(FLOATS.length)] :
                random.nextBoolean() ? (float)(random.nextInt(41) - 20) : (random.nextFloat() - 0.5f) * 200f;
            case FLOAT64 -> edge ? DOUBLES[random.nextInt(DOUBLES.length)] :
                random.nextBoolean() ? (double)(random.nextInt(41) - 20) : (random.nextDouble() - 0.5) * 200.0;
            case UTF8 -> edge || random.nextBoolean() ? STRINGS.get(random.nextInt(STRINGS.size())) :
                randomString(random);
            default -> throw new IllegalArgumentException("unsupported type");
        };
    }

    private static String randomString(final Random random)
    {
        final String[] pieces = {"a", "b", "c", "é", "本", "🙂", "ab"};
        final int length = random.nextInt(8);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    private static FieldVector vector(final BufferAllocator allocator, final Random random, final String name,
        final DataType type, final int rows, final double nullFraction)
    {
        final List<Object> values = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++)
        {
            values.add(nullFraction > 0 && random.nextDouble() < nullFraction ? null : value(random, type));
        }
        return vectorOf(allocator, name, type, values);
    }

    /**
     * @param allocator where the vector lives.
     * @param name      its name.
     * @param type      its type.
     * @param values    Java values as {@link Vectors#read} returns them, {@code null} for null.
     * @return a new vector owned by the caller.
     */
    public static FieldVector vectorOf(final BufferAllocator allocator, final String name, final DataType type,
        final List<?> values)
    {
        final FieldVector vector = switch (type)
        {
            case BOOLEAN -> new BitVector(name, allocator);
            case INT32 -> new IntVector(name, allocator);
            case INT64 -> new BigIntVector(name, allocator);
            case FLOAT32 -> new Float4Vector(name, allocator);
            case FLOAT64 -> new Float8Vector(name, allocator);
            case UTF8 -> new VarCharVector(name, allocator);
            default -> throw new IllegalArgumentException("unsupported type");
        };
        try
        {
            vector.setInitialCapacity(values.size());
            vector.allocateNew();
            for (int i = 0; i < values.size(); i++)
            {
                final Object value = values.get(i);
                if (value == null)
                {
                    vector.setNull(i);
                    continue;
                }
                switch (vector)
                {
                    case BitVector v -> v.setSafe(i, (Boolean)value ? 1 : 0);
                    case IntVector v -> v.setSafe(i, (Integer)value);
                    case BigIntVector v -> v.setSafe(i, (Long)value);
                    case Float4Vector v -> v.setSafe(i, (Float)value);
                    case Float8Vector v -> v.setSafe(i, (Double)value);
                    case VarCharVector v -> v.setSafe(i, ((String)value).getBytes(StandardCharsets.UTF_8));
                    default -> throw new IllegalStateException();
                }
            }
            vector.setValueCount(values.size());
        }
        catch (final RuntimeException | Error e)
        {
            vector.close();
            throw e;
        }
        return vector;
    }
}
