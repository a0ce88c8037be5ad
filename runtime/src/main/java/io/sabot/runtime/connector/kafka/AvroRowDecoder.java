package io.sabot.runtime.connector.kafka;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.sabot.common.SchemaException;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import static io.sabot.runtime.connector.kafka.AvroDecodePlan.BOOL;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.BYTES;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.DECIMAL_BYTES;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.DECIMAL_FIXED;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.ENUM;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.F4;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.F4_TO_F8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.F8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.FIXED;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.FIXED_TO_VAR;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.INT_TO_F4;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.INT_TO_F8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.INT_TO_I4;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.INT_TO_I8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.LONG_TO_F4;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.LONG_TO_F8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.LONG_TO_I8;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.NULLABLE;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.SKIP;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.STRIDE;
import static io.sabot.runtime.connector.kafka.AvroDecodePlan.UTF8;

/**
 * Decodes Avro binary record values straight into the row slots of Arrow vectors by running an
 * {@link AvroDecodePlan}: zig-zag varints, little-endian floats and doubles, length-prefixed strings and bytes copied
 * from the record bytes into the variable-width buffers (strings validated as UTF-8), unions with null, enums as their
 * symbols' UTF-8 bytes, fixed, and big-endian two's-complement decimals written as Decimal128. Confluent-framed
 * values pick the plan of their schema id. No Avro object is created per record; a heap buffer is read in place, a
 * direct one is copied once into a reusable array.
 *
 * <p>Every read is bounds-checked; a value that is truncated, has a malformed varint, an unknown union branch or enum
 * index, a negative length, invalid UTF-8, a decimal with more digits than its column, bytes after the record, a wrong
 * magic byte or an unknown schema id makes {@link #decode} return {@code false} with {@link #error()} naming the field.
 *
 * <p>Not thread-safe: one reader's thread at a time. Owns none of the vectors.
 */
final class AvroRowDecoder implements RecordDecoder
{
    static final int TRUNCATED = -1;
    static final int BAD_VARINT = -2;
    static final int BAD_BRANCH = -3;
    static final int BAD_ENUM = -4;
    static final int NEGATIVE_LENGTH = -5;
    static final int BAD_UTF8 = -6;
    static final int DECIMAL_OVERFLOW = -7;
    static final int EMPTY_DECIMAL = -8;
    static final int BAD_BOOLEAN = -9;
    static final int TOO_DEEP = -10;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** 10^p as a 128-bit two's-complement pair, p = 0..38. */
    private static final long[] POW10_HI = new long[39];
    private static final long[] POW10_LO = new long[39];

    static
    {
        for (int p = 0; p < POW10_HI.length; p++)
        {
            final BigInteger v = BigInteger.TEN.pow(p);
            POW10_LO[p] = v.longValue();
            POW10_HI[p] = v.shiftRight(64).longValue();
        }
    }

    /**
     * The plans of a format compiled against one Arrow schema: one per writer schema id (ascending). Immutable,
     * shared by the readers of a source.
     *
     * @param confluent whether values carry the Confluent header.
     * @param ids       the schema ids, ascending (one entry, 0, without framing).
     * @param plans     the plan of each id.
     * @param schema    the Arrow schema.
     */
    record Plans(boolean confluent, int[] ids, AvroDecodePlan[] plans, Schema schema)
    {
        /**
         * @throws SchemaException naming the schema id, column and types if a writer schema does not fit.
         */
        static Plans compile(final AvroFormat format, final Schema schema)
        {
            final Map<Integer, org.apache.avro.Schema> schemas = format.schemas();
            final int[] ids = new int[schemas.size()];
            final AvroDecodePlan[] plans = new AvroDecodePlan[ids.length];
            int i = 0;
            for (final Map.Entry<Integer, org.apache.avro.Schema> e : schemas.entrySet())
            {
                ids[i] = e.getKey();
                plans[i++] = AvroDecodePlan.compile(e.getValue(), schema, format.confluent() ?
                    "writer schema id " + e.getKey() : "writer schema");
            }
            return new Plans(format.confluent(), ids, plans, schema);
        }

        AvroDecodePlan plan(final int id)
        {
            final int i = Arrays.binarySearch(ids, id);
            return i < 0 ? null : plans[i];
        }
    }

    private final Plans plans;
    private final List<Field> fields;
    private FieldVector[] columns = new FieldVector[0];
    private BaseFixedWidthVector[] fixed = new BaseFixedWidthVector[0];
    private BaseVariableWidthVector[] variable = new BaseVariableWidthVector[0];
    private BitVector[] bits = new BitVector[0];
    /**
     * A lower bound of each fixed- or variable-width column's row capacity: capacities only grow while a batch fills,
     * also when Arrow grows a vector itself ({@code setNull}). Buffer addresses are read per write, never cached.
     */
    private int[] capacity = new int[0];
    private byte[] scratch = new byte[256];
    private String error;
    private String errorColumn;
    /** The last varint read (zig-zag decoded). */
    long word;
    /** Details of the last error code, for its message. */
    long detail;
    long detail2;

    AvroRowDecoder(final Plans plans)
    {
        this.plans = plans;
        this.fields = plans.schema().getFields();
    }

    /**
     * @throws SchemaException if the vectors do not have the schema's column types.
     */
    @Override
    public void target(final List<FieldVector> vectors)
    {
        final int n = fields.size();
        if (vectors.size() != n)
        {
            throw new SchemaException("an Avro decoder of " + n + " columns was given " + vectors.size() +
                " vectors");
        }
        if (columns.length != n)
        {
            columns = new FieldVector[n];
            fixed = new BaseFixedWidthVector[n];
            variable = new BaseVariableWidthVector[n];
            bits = new BitVector[n];
            capacity = new int[n];
        }
        for (int i = 0; i < n; i++)
        {
            final FieldVector v = vectors.get(i);
            if (!v.getField().getType().equals(fields.get(i).getType()))
            {
                throw new SchemaException("column '" + fields.get(i).getName() + "' is " +
                    fields.get(i).getType() + " but its vector is " + v.getField().getType());
            }
            columns[i] = v;
            bits[i] = v instanceof BitVector b ? b : null;
            fixed[i] = v instanceof BaseFixedWidthVector f && bits[i] == null ? f : null;
            variable[i] = v instanceof BaseVariableWidthVector w ? w : null;
            capacity[i] = fixed[i] != null ? fixed[i].getValueCapacity() : variable[i] != null ?
                variable[i].getValueCapacity() : 0;
        }
    }

    @Override
    public String error()
    {
        return error;
    }

    @Override
    public String errorColumn()
    {
        return errorColumn;
    }

    @Override
    public boolean decode(final ByteBuffer value, final int row)
    {
        if (value == null)
        {
            return fail("the record has no value", null);
        }
        final byte[] b;
        int p;
        final int end;
        if (value.hasArray())
        {
            b = value.array();
            p = value.arrayOffset() + value.position();
            end = value.arrayOffset() + value.limit();
        }
        else
        {
            final int n = value.remaining();
            if (scratch.length < n)
            {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            value.get(value.position(), scratch, 0, n);
            b = scratch;
            p = 0;
            end = n;
        }
        final AvroDecodePlan plan;
        if (plans.confluent())
        {
            if (p == end)
            {
                return fail("the record value is empty (no Confluent header)", null);
            }
            if (b[p] != 0)
            {
                return fail(String.format("wrong magic byte 0x%02x: a Confluent-framed value starts with 0x00",
                    b[p] & 0xFF), null);
            }
            if (end - p < 5)
            {
                return fail("truncated Confluent header: " + (end - p) + " bytes, 5 needed", null);
            }
            final int id = (int) INT_BE.get(b, p + 1);
            plan = plans.plan(id);
            if (plan == null)
            {
                return fail("unknown schema id " + id + " (known ids: " + Arrays.toString(plans.ids()) + ")", null);
            }
            p += 5;
        }
        else
        {
            plan = plans.plans()[0];
        }
        final int q = run(plan, b, p, end, row);
        if (q < 0)
        {
            return false;
        }
        if (q != end)
        {
            return fail((end - q) + " bytes after the end of the Avro record (does the " + plan.label +
                " describe this value?)", null);
        }
        return true;
    }

    /** @return the position after the record, or a negative code with {@link #error} set. */
    private int run(final AvroDecodePlan plan, final byte[] b, final int start, final int end, final int row)
    {
        final int[] code = plan.code;
        final int n = code.length;
        int p = start;
        int pc = 0;
        while (pc < n)
        {
            final int op = code[pc];
            final int c = code[pc + 1];
            int q;
            switch (op)
            {
                case BOOL ->
                {
                    if (p >= end)
                    {
                        q = TRUNCATED;
                    }
                    else if ((b[p] & ~1) != 0)
                    {
                        detail = b[p] & 0xFF;
                        q = BAD_BOOLEAN;
                    }
                    else
                    {
                        bits[c].setSafe(row, b[p]);
                        q = p + 1;
                    }
                }
                case INT_TO_I4 ->
                {
                    q = readInt(b, p, end);
                    if (q >= 0)
                    {
                        putInt(c, row, (int) word);
                    }
                }
                case INT_TO_I8 ->
                {
                    q = readInt(b, p, end);
                    if (q >= 0)
                    {
                        putLong(c, row, word);
                    }
                }
                case LONG_TO_I8 ->
                {
                    q = readLong(b, p, end);
                    if (q >= 0)
                    {
                        putLong(c, row, word);
                    }
                }
                case INT_TO_F4, LONG_TO_F4 ->
                {
                    q = op == INT_TO_F4 ? readInt(b, p, end) : readLong(b, p, end);
                    if (q >= 0)
                    {
                        putInt(c, row, Float.floatToRawIntBits((float) word));
                    }
                }
                case INT_TO_F8, LONG_TO_F8 ->
                {
                    q = op == INT_TO_F8 ? readInt(b, p, end) : readLong(b, p, end);
                    if (q >= 0)
                    {
                        putLong(c, row, Double.doubleToRawLongBits((double) word));
                    }
                }
                case F4, F4_TO_F8 ->
                {
                    if (end - p < 4)
                    {
                        q = TRUNCATED;
                    }
                    else
                    {
                        final int raw = (int) INT_LE.get(b, p);
                        if (op == F4)
                        {
                            putInt(c, row, raw);
                        }
                        else
                        {
                            putLong(c, row, Double.doubleToRawLongBits(Float.intBitsToFloat(raw)));
                        }
                        q = p + 4;
                    }
                }
                case F8 ->
                {
                    if (end - p < 8)
                    {
                        q = TRUNCATED;
                    }
                    else
                    {
                        putLong(c, row, (long) LONG_LE.get(b, p));
                        q = p + 8;
                    }
                }
                case UTF8, BYTES ->
                {
                    q = readLong(b, p, end);
                    if (q >= 0)
                    {
                        final long len = word;
                        if (len < 0)
                        {
                            detail = len;
                            q = NEGATIVE_LENGTH;
                        }
                        else if (len > end - q)
                        {
                            q = TRUNCATED;
                        }
                        else if (op == UTF8 && !validUtf8(b, q, q + (int) len))
                        {
                            q = BAD_UTF8;
                        }
                        else
                        {
                            putVar(c, row, b, q, (int) len);
                            q += (int) len;
                        }
                    }
                }
                case ENUM ->
                {
                    q = readInt(b, p, end);
                    if (q >= 0)
                    {
                        final byte[][] table = plan.symbols[code[pc + 2]];
                        final long index = word;
                        if (index < 0 || index >= table.length)
                        {
                            detail = index;
                            detail2 = table.length;
                            q = BAD_ENUM;
                        }
                        else
                        {
                            final byte[] symbol = table[(int) index];
                            putVar(c, row, symbol, 0, symbol.length);
                        }
                    }
                }
                case FIXED, FIXED_TO_VAR ->
                {
                    final int size = code[pc + 2];
                    if (end - p < size)
                    {
                        q = TRUNCATED;
                    }
                    else
                    {
                        if (op == FIXED)
                        {
                            ensure(c, row);
                            setValid(fixed[c], row);
                            MemoryUtil.copyToMemory(b, p, fixed[c].getDataBuffer().memoryAddress() + (long) row * size,
                                size);
                        }
                        else
                        {
                            putVar(c, row, b, p, size);
                        }
                        q = p + size;
                    }
                }
                case DECIMAL_BYTES ->
                {
                    q = readLong(b, p, end);
                    if (q >= 0)
                    {
                        final long len = word;
                        if (len < 0)
                        {
                            detail = len;
                            q = NEGATIVE_LENGTH;
                        }
                        else if (len > end - q)
                        {
                            q = TRUNCATED;
                        }
                        else
                        {
                            q = decimal(c, row, b, q, (int) len, code[pc + 2]);
                        }
                    }
                }
                case DECIMAL_FIXED ->
                {
                    final int size = code[pc + 3];
                    q = end - p < size ? TRUNCATED : decimal(c, row, b, p, size, code[pc + 2]);
                }
                case NULLABLE ->
                {
                    q = readInt(b, p, end);
                    if (q >= 0)
                    {
                        final long branch = word;
                        if (branch == c)
                        {
                            for (final int column : plan.nullColumns[code[pc + 2]])
                            {
                                columns[column].setNull(row);
                            }
                            p = q;
                            pc = code[pc + 3] * STRIDE;
                            continue;
                        }
                        if (branch != 1 - c)
                        {
                            detail = branch;
                            detail2 = 2;
                            q = BAD_BRANCH;
                        }
                    }
                }
                case SKIP -> q = plan.skippers[code[pc + 2]].skip(this, b, p, end, 0);
                default -> throw new IllegalStateException("Avro plan opcode " + op);
            }
            if (q < 0)
            {
                failAt(q, plan, pc / STRIDE, p - start);
                return q;
            }
            p = q;
            pc += STRIDE;
        }
        for (final int column : plan.absent)
        {
            columns[column].setNull(row);
        }
        return p;
    }

    private void ensure(final int c, final int row)
    {
        if (row >= capacity[c])
        {
            final BaseFixedWidthVector v = fixed[c];
            while (row >= v.getValueCapacity())
            {
                v.reAlloc();
            }
            capacity[c] = v.getValueCapacity();
        }
    }

    // Direct stores: ensure() (or the variable-width checks) grew the buffers first, so the unchecked writes stay
    // inside them; ArrowBuf's own setters would re-check bounds and the reference count on every store.

    private static void setValid(final BaseFixedWidthVector v, final int row)
    {
        final long at = v.getValidityBuffer().memoryAddress() + (row >>> 3);
        MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
    }

    private void putInt(final int c, final int row, final int x)
    {
        ensure(c, row);
        final BaseFixedWidthVector v = fixed[c];
        setValid(v, row);
        MemoryUtil.putInt(v.getDataBuffer().memoryAddress() + ((long) row << 2), x);
    }

    private void putLong(final int c, final int row, final long x)
    {
        ensure(c, row);
        final BaseFixedWidthVector v = fixed[c];
        setValid(v, row);
        MemoryUtil.putLong(v.getDataBuffer().memoryAddress() + ((long) row << 3), x);
    }

    /**
     * Sets a variable-width slot to {@code src[off, off+len)}, as {@code setSafe} does: earlier unset rows become
     * empty (their offsets filled), the end offset of the row is written, the row becomes the last set.
     *
     * <pre>
     *   offsets: int32[rows + 1]   row r spans data[offsets[r], offsets[r + 1])
     * </pre>
     */
    private void putVar(final int c, final int row, final byte[] src, final int off, final int len)
    {
        final BaseVariableWidthVector v = variable[c];
        if (row > v.getLastSet() + 1)
        {
            v.fillEmpties(row);
        }
        if (row >= capacity[c])
        {
            while (row >= v.getValueCapacity())
            {
                v.reallocValidityAndOffsetBuffers();
            }
            capacity[c] = v.getValueCapacity();
        }
        final long offsets = v.getOffsetBuffer().memoryAddress() + ((long) row << 2);
        final int start = MemoryUtil.getInt(offsets);
        while (v.getDataBuffer().capacity() < (long) start + len)
        {
            v.reallocDataBuffer();
        }
        MemoryUtil.copyToMemory(src, off, v.getDataBuffer().memoryAddress() + start, len);
        MemoryUtil.putInt(offsets + 4, start + len);
        final long valid = v.getValidityBuffer().memoryAddress() + (row >>> 3);
        MemoryUtil.putByte(valid, (byte) (MemoryUtil.getByte(valid) | (1 << (row & 7))));
        v.setLastSet(row);
    }

    /**
     * Big-endian two's complement {@code b[p, p+len)} into a Decimal128 slot, if it has at most {@code precision}
     * digits.
     */
    private int decimal(final int c, final int row, final byte[] b, final int p, final int len, final int precision)
    {
        if (len == 0)
        {
            return EMPTY_DECIMAL;
        }
        final int end = p + len;
        final int s = len > 16 ? end - 16 : p;
        final long sign = b[s] >> 7;
        for (int i = p; i < s; i++)
        {
            // bytes beyond 128 bits must only extend the sign
            if (b[i] != (byte) sign)
            {
                detail = precision;
                return DECIMAL_OVERFLOW;
            }
        }
        long hi = sign;
        long lo = sign;
        for (int i = s; i < end; i++)
        {
            hi = (hi << 8) | (lo >>> 56);
            lo = (lo << 8) | (b[i] & 0xFF);
        }
        // |value| < 10^precision, on the magnitude
        long mhi = hi;
        long mlo = lo;
        if (hi < 0)
        {
            mlo = -lo;
            mhi = ~hi + (lo == 0 ? 1 : 0);
        }
        final int cmp = Long.compareUnsigned(mhi, POW10_HI[precision]);
        if (cmp > 0 || cmp == 0 && Long.compareUnsigned(mlo, POW10_LO[precision]) >= 0)
        {
            detail = precision;
            return DECIMAL_OVERFLOW;
        }
        ensure(c, row);
        final BaseFixedWidthVector v = fixed[c];
        setValid(v, row);
        final long at = v.getDataBuffer().memoryAddress() + ((long) row << 4);
        MemoryUtil.putLong(at, lo);
        MemoryUtil.putLong(at + 8, hi);
        return end;
    }

    /**
     * Reads a zig-zag varint of at most 10 bytes into {@link #word}.
     *
     * @return the position after it, {@link #TRUNCATED} or {@link #BAD_VARINT}.
     */
    int readLong(final byte[] b, final int p, final int end)
    {
        if (p < end)
        {
            final int x = b[p];
            if (x >= 0)
            {
                word = (x >>> 1) ^ -(x & 1);
                return p + 1;
            }
        }
        long raw = 0;
        int q = p;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (q >= end)
            {
                return TRUNCATED;
            }
            final int x = b[q++];
            raw |= (long) (x & 0x7F) << shift;
            if (x >= 0)
            {
                if (shift == 63 && x > 1)
                {
                    return BAD_VARINT;
                }
                word = (raw >>> 1) ^ -(raw & 1);
                return q;
            }
        }
        return BAD_VARINT;
    }

    /**
     * Reads a zig-zag varint of at most 5 bytes (an Avro int) into {@link #word}.
     *
     * @return the position after it, {@link #TRUNCATED} or {@link #BAD_VARINT}.
     */
    int readInt(final byte[] b, final int p, final int end)
    {
        if (p < end)
        {
            final int x = b[p];
            if (x >= 0)
            {
                word = (x >>> 1) ^ -(x & 1);
                return p + 1;
            }
        }
        int raw = 0;
        int q = p;
        for (int shift = 0; shift < 35; shift += 7)
        {
            if (q >= end)
            {
                return TRUNCATED;
            }
            final int x = b[q++];
            raw |= (x & 0x7F) << shift;
            if (x >= 0)
            {
                if (shift == 28 && x > 0x0F)
                {
                    return BAD_VARINT;
                }
                word = (raw >>> 1) ^ -(raw & 1);
                return q;
            }
        }
        return BAD_VARINT;
    }

    /** @return the position {@code len} bytes on, or an error code. */
    int skipBytes(final long len, final int p, final int end)
    {
        if (len < 0)
        {
            detail = len;
            return NEGATIVE_LENGTH;
        }
        return len > end - p ? TRUNCATED : p + (int) len;
    }

    /** Well-formed UTF-8 (no overlongs, no surrogates, at most U+10FFFF). */
    static boolean validUtf8(final byte[] b, final int from, final int end)
    {
        // all ASCII (the common case): a counted OR loop, which C2 unrolls and vectorizes
        int any = 0;
        for (int i = from; i < end; i++)
        {
            any |= b[i];
        }
        return any >= 0 || validMultibyte(b, from, end);
    }

    private static boolean validMultibyte(final byte[] b, final int from, final int end)
    {
        int p = from;
        while (p < end)
        {
            if (end - p >= 8 && ((long) LONG_LE.get(b, p) & 0x8080808080808080L) == 0)
            {
                p += 8;
                continue;
            }
            final int x = b[p] & 0xFF;
            if (x < 0x80)
            {
                p++;
                continue;
            }
            final int n;
            int lo = 0x80;
            int hi = 0xBF;
            if (x >= 0xC2 && x <= 0xDF)
            {
                n = 1;
            }
            else if (x >= 0xE0 && x <= 0xEF)
            {
                n = 2;
                lo = x == 0xE0 ? 0xA0 : 0x80;
                hi = x == 0xED ? 0x9F : 0xBF;
            }
            else if (x >= 0xF0 && x <= 0xF4)
            {
                n = 3;
                lo = x == 0xF0 ? 0x90 : 0x80;
                hi = x == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                return false;
            }
            if (end - p <= n)
            {
                return false;
            }
            final int second = b[p + 1] & 0xFF;
            if (second < lo || second > hi)
            {
                return false;
            }
            for (int i = 2; i <= n; i++)
            {
                if ((b[p + i] & 0xC0) != 0x80)
                {
                    return false;
                }
            }
            p += n + 1;
        }
        return true;
    }

    private boolean fail(final String why, final String column)
    {
        error = why;
        errorColumn = column;
        return false;
    }

    private void failAt(final int code, final AvroDecodePlan plan, final int instruction, final int at)
    {
        final String field = plan.fields[instruction];
        final int op = plan.code[instruction * STRIDE];
        final String column = op == NULLABLE || op == SKIP ? null :
            fields.get(plan.code[instruction * STRIDE + 1]).getName();
        final String why = switch (code)
        {
            case TRUNCATED -> "truncated Avro record: the value ends inside field '" + field + "'";
            case BAD_VARINT -> "malformed varint in field '" + field + "' (too long for an Avro " +
                (op == LONG_TO_I8 || op == LONG_TO_F4 || op == LONG_TO_F8 || op == SKIP ? "long" : "int") + ")";
            case BAD_BRANCH -> "union branch " + detail + " of field '" + field + "' does not exist (the union has " +
                detail2 + " branches)";
            case BAD_ENUM -> "enum index " + detail + " of field '" + field + "' is out of range (" + detail2 +
                " symbols)";
            case NEGATIVE_LENGTH -> "negative length " + detail + " in field '" + field + "'";
            case BAD_UTF8 -> "string of field '" + field + "' is not valid UTF-8";
            case DECIMAL_OVERFLOW -> "decimal of field '" + field + "' has more than " + detail + " digits";
            case EMPTY_DECIMAL -> "decimal of field '" + field + "' has no bytes";
            case BAD_BOOLEAN -> String.format("boolean byte 0x%02x of field '%s' is neither 0 nor 1", detail, field);
            case TOO_DEEP -> "field '" + field + "' nests values deeper than " + AvroDecodePlan.Skipper.MAX_DEPTH +
                " levels";
            default -> "Avro decoding error " + code + " in field '" + field + "'";
        };
        fail(why + " at byte " + at + " of the record (" + plan.label + ")", column);
    }

    @Override
    public void close()
    {
        columns = new FieldVector[0];
        fixed = new BaseFixedWidthVector[0];
        variable = new BaseVariableWidthVector[0];
        bits = new BitVector[0];
        capacity = new int[0];
    }
}
