package io.sabot.kernels.decimal;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.SimdConfig;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Conversions between Arrow {@code Decimal(p, s, 128)} and {@link Decimal64Type}: narrowing (p &lt;= 18 only; a value
 * that does not fit is a {@link DataException} naming the column and row) and widening (always exact). Nulls are kept
 * (the validity bitmap is copied); values under nulls are unspecified. The loops are {@link DecimalWords}' Vector API
 * bodies, or their scalar twins with {@code -Dsabot.simd=scalar}.
 *
 * <p>Thread-safety: stateless. Ownership: inputs stay the caller's and are not modified; every returned vector or
 * batch is new and owned by the caller (other columns of a batch are zero-copy shares of the input's buffers).
 */
public final class Decimals
{
    private static final long[] POW10 = new long[19];

    static
    {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Decimals()
    {
    }

    /**
     * @param precision 1..18.
     * @return the largest unscaled magnitude of that many digits, 10^precision - 1.
     */
    public static long maxUnscaled(final int precision)
    {
        return POW10[precision] - 1;
    }

    /**
     * @param type an Arrow type.
     * @return whether {@link #narrow(Batch, BufferAllocator)} narrows a column of that type (Decimal128, p &lt;= 18).
     */
    public static boolean narrows(final ArrowType type)
    {
        return type instanceof ArrowType.Decimal d && d.getBitWidth() == 128 &&
            d.getPrecision() <= Decimal64Type.MAX_PRECISION;
    }

    /**
     * @param schema a schema.
     * @return the schema {@link #narrow(Batch, BufferAllocator)} produces: Decimal128 fields of at most 18 digits
     *     become decimal64 (same name, nullability, metadata), the others stay.
     */
    public static Schema narrow(final Schema schema)
    {
        final List<Field> fields = new ArrayList<>(schema.getFields().size());
        for (final Field f : schema.getFields())
        {
            fields.add(narrows(f.getType()) ? narrowField(f) : f);
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    /**
     * @param schema a schema.
     * @return the schema {@link #widen(Batch, BufferAllocator)} produces (decimal64 fields as Decimal128).
     */
    public static Schema widen(final Schema schema)
    {
        final List<Field> fields = new ArrayList<>(schema.getFields().size());
        for (final Field f : schema.getFields())
        {
            fields.add(f.getType() instanceof Decimal64Type ? wideField(f) : f);
        }
        return new Schema(fields, schema.getCustomMetadata());
    }

    /** The Decimal128 twin of a decimal64 field, without the extension's own metadata keys. */
    private static Field wideField(final Field f)
    {
        Map<String, String> metadata = f.getMetadata();
        if (metadata != null && metadata.containsKey(ArrowType.ExtensionType.EXTENSION_METADATA_KEY_NAME))
        {
            metadata = new HashMap<>(metadata);
            metadata.remove(ArrowType.ExtensionType.EXTENSION_METADATA_KEY_NAME);
            metadata.remove(ArrowType.ExtensionType.EXTENSION_METADATA_KEY_METADATA);
            metadata = metadata.isEmpty() ? null : metadata;
        }
        return new Field(f.getName(), new FieldType(f.isNullable(), ((Decimal64Type)f.getType()).wide(),
            f.getDictionary(), metadata), null);
    }

    private static Field narrowField(final Field f)
    {
        final ArrowType.Decimal d = (ArrowType.Decimal)f.getType();
        return new Field(f.getName(), new FieldType(f.isNullable(), new Decimal64Type(d.getPrecision(),
            d.getScale()), f.getDictionary(), f.getMetadata()), null);
    }

    /**
     * @param source    a Decimal128 vector of precision at most 18.
     * @param allocator where the result lives.
     * @return a decimal64 vector of the same name, precision, scale, rows and nulls; owned by the caller.
     * @throws SchemaException when the precision is above 18.
     * @throws DataException naming the column and the first row whose value does not fit (nothing stays allocated).
     */
    public static Decimal64Vector narrow(final DecimalVector source, final BufferAllocator allocator)
    {
        if (source.getPrecision() > Decimal64Type.MAX_PRECISION)
        {
            throw new SchemaException("column '" + source.getName() + "' is decimal(" + source.getPrecision() + ", " +
                source.getScale() + "): only precision <= 18 narrows to decimal64");
        }
        return narrow(source, narrowField(source.getField()), allocator);
    }

    private static Decimal64Vector narrow(final DecimalVector source, final Field field,
        final BufferAllocator allocator)
    {
        final int count = source.getValueCount();
        final Decimal64Vector out = new Decimal64Vector(field, allocator);
        try
        {
            out.setInitialCapacity(Math.max(count, 1));
            out.allocateNew();
            if (count > 0)
            {
                final MemorySegment slots = ArrowMemory.segment(source.getDataBuffer());
                final MemorySegment rows = ArrowMemory.segment(out.getDataBuffer());
                final long max = maxUnscaled(source.getPrecision());
                final boolean suspect = SimdConfig.VECTOR_ENABLED ? DecimalWords.narrowVector(slots, rows, count, max) :
                    DecimalWords.narrowScalar(slots, rows, 0, count, max);
                if (suspect)
                {
                    checkFits(source, slots, max);
                }
                copyValidity(source, out, count);
            }
            out.setValueCount(count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    /** Finds the first non-null slot that does not fit (the fast loop only said that one may exist). */
    private static void checkFits(final DecimalVector source, final MemorySegment slots, final long max)
    {
        final boolean nulls = source.getNullCount() > 0;
        for (int i = 0; i < source.getValueCount(); i++)
        {
            if (!DecimalWords.fits(slots, i, max) && !(nulls && source.isNull(i)))
            {
                throw new DataException("decimal value " + source.getObject(i) + " does not fit decimal64(" +
                    source.getPrecision() + ", " + source.getScale() + ")", source.getName(), i);
            }
        }
    }

    /**
     * @param source    a decimal64 vector.
     * @param allocator where the result lives.
     * @return a {@code Decimal(p, s, 128)} vector of the same name, rows and nulls; owned by the caller.
     */
    public static DecimalVector widen(final Decimal64Vector source, final BufferAllocator allocator)
    {
        final int count = source.getValueCount();
        final DecimalVector out = new DecimalVector(wideField(source.getField()), allocator);
        try
        {
            out.setInitialCapacity(Math.max(count, 1));
            out.allocateNew();
            if (count > 0)
            {
                final MemorySegment rows = ArrowMemory.segment(source.getDataBuffer());
                final MemorySegment slots = ArrowMemory.segment(out.getDataBuffer());
                if (SimdConfig.VECTOR_ENABLED)
                {
                    DecimalWords.widenVector(rows, slots, count);
                }
                else
                {
                    DecimalWords.widenScalar(rows, slots, 0, count);
                }
                copyValidity(source, out, count);
            }
            out.setValueCount(count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static void copyValidity(final FieldVector from, final FieldVector to, final int count)
    {
        final int bytes = BitVectorHelper.getValidityBufferSize(count);
        if (from.getNullCount() == 0)
        {
            // an all-valid source may have no bitmap at all (e.g. loaded without one): set every bit
            ArrowMemory.segment(to.getValidityBuffer()).asSlice(0, bytes).fill((byte)0xFF);
        }
        else
        {
            to.getValidityBuffer().setBytes(0, from.getValidityBuffer(), 0, bytes);
        }
    }

    /**
     * Narrows every Decimal128 column of at most 18 digits to decimal64; other columns are zero-copy shares.
     *
     * @param batch     the input; not closed, still the caller's.
     * @param allocator where the new vectors live.
     * @return a new batch of the same rows (the selection, if any, copied), schema {@link #narrow(Schema)}; owned by
     *     the caller.
     * @throws DataException naming the column and row of a value that does not fit (nothing stays allocated).
     */
    public static Batch narrow(final Batch batch, final BufferAllocator allocator)
    {
        return convert(batch, allocator, true);
    }

    /**
     * Widens every decimal64 column to Decimal128; other columns are zero-copy shares.
     *
     * @param batch     the input; not closed, still the caller's.
     * @param allocator where the new vectors live.
     * @return a new batch of the same rows (the selection, if any, copied), schema {@link #widen(Schema)}; owned by
     *     the caller.
     */
    public static Batch widen(final Batch batch, final BufferAllocator allocator)
    {
        return convert(batch, allocator, false);
    }

    private static Batch convert(final Batch batch, final BufferAllocator allocator, final boolean narrow)
    {
        final List<FieldVector> out = new ArrayList<>(batch.columnCount());
        SelectionVector selection = null;
        try
        {
            for (final FieldVector v : batch.columns())
            {
                if (narrow && v instanceof DecimalVector d && narrows(d.getField().getType()))
                {
                    out.add(narrow(d, allocator));
                }
                else if (!narrow && v instanceof Decimal64Vector d)
                {
                    out.add(widen(d, allocator));
                }
                else
                {
                    final TransferPair share = v.getTransferPair(allocator);
                    share.splitAndTransfer(0, v.getValueCount());
                    out.add((FieldVector)share.getTo());
                }
            }
            final SelectionVector in = batch.selection();
            if (in != null)
            {
                selection = new SelectionVector(allocator, Math.max(1, in.count()));
                selection.segment().copyFrom(in.segment().asSlice(0, 4L * in.count()));
                selection.count(in.count());
            }
            return selection == null ? Batch.of(out) : Batch.ofFiltered(out, selection);
        }
        catch (final RuntimeException | Error e)
        {
            out.forEach(FieldVector::close);
            if (selection != null)
            {
                selection.close();
            }
            throw e;
        }
    }
}
