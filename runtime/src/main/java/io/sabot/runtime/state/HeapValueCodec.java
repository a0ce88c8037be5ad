package io.sabot.runtime.state;

import io.sabot.common.StateException;

import java.io.DataInput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the heap snapshot writes one state value. A value of a state registered with a {@link StateSerializer} goes
 * through it; a state registered without one (the in-memory backend never needed serializers) still checkpoints
 * when its values are of the types below, which the snapshot recognises from the value's class, so counters, sums,
 * strings and lists or maps of them need no serializer. Any other class fails the snapshot with a
 * {@link StateException} naming the state and the class.
 *
 * <pre>
 *   value  0 + int32 length + the state's serializer bytes
 *        | 1 Long int64 | 2 Integer int32 | 3 Short int16 | 4 Byte | 5 Double int64 bits | 6 Float int32 bits
 *        | 7 Boolean byte | 8 Character uint16 | 9 String int32 length + UTF-8
 *        | 10 BigDecimal scale int32 + int32 length + unscaled two's complement
 *        | 11 long[] / 12 int[] / 13 double[] / 14 byte[]: int32 count + elements
 *        | 15 ArrayList: int32 count + value* | 16 HashMap / 17 LinkedHashMap: int32 count + (value value)*
 *        | 18 null (inside a list or map)
 * </pre>
 *
 * Collections restore as the same mutable class, since functions change heap state in place. Stateless and
 * thread-safe.
 */
final class HeapValueCodec
{
    private static final int SERIALIZED = 0;

    private HeapValueCodec()
    {
    }

    /**
     * @param out        where to append.
     * @param value      a value (not null at the top level).
     * @param serializer the state's serializer, or null to use the built-in forms.
     * @param state      the state's name, for errors.
     * @throws StateException when the value has no built-in form and there is no serializer, or the serializer
     *                        failed.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void write(final SnapshotBytes out, final Object value, final StateSerializer serializer,
        final String state)
    {
        if (serializer != null)
        {
            final byte[] bytes;
            try
            {
                bytes = serializer.serialize(value);
            }
            catch (final RuntimeException e)
            {
                throw new StateException("state '" + state + "': its StateSerializer failed on a " +
                    value.getClass().getName() + " during a snapshot: " + e, e);
            }
            out.putByte(SERIALIZED);
            out.putInt(bytes.length);
            out.putBytes(bytes);
            return;
        }
        writeBuiltin(out, value, state);
    }

    private static void writeBuiltin(final SnapshotBytes out, final Object value, final String state)
    {
        switch (value)
        {
            case null -> out.putByte(18);
            case Long v ->
            {
                out.putByte(1);
                out.putLong(v);
            }
            case Integer v ->
            {
                out.putByte(2);
                out.putInt(v);
            }
            case Short v ->
            {
                out.putByte(3);
                out.putInt(v);
            }
            case Byte v ->
            {
                out.putByte(4);
                out.putByte(v);
            }
            case Double v ->
            {
                out.putByte(5);
                out.putLong(Double.doubleToRawLongBits(v));
            }
            case Float v ->
            {
                out.putByte(6);
                out.putInt(Float.floatToRawIntBits(v));
            }
            case Boolean v ->
            {
                out.putByte(7);
                out.putByte(v ? 1 : 0);
            }
            case Character v ->
            {
                out.putByte(8);
                out.putInt(v);
            }
            case String v ->
            {
                out.putByte(9);
                final byte[] b = v.getBytes(StandardCharsets.UTF_8);
                out.putInt(b.length);
                out.putBytes(b);
            }
            case BigDecimal v ->
            {
                out.putByte(10);
                out.putInt(v.scale());
                final byte[] b = v.unscaledValue().toByteArray();
                out.putInt(b.length);
                out.putBytes(b);
            }
            case long[] v ->
            {
                out.putByte(11);
                out.putInt(v.length);
                for (final long x : v)
                {
                    out.putLong(x);
                }
            }
            case int[] v ->
            {
                out.putByte(12);
                out.putInt(v.length);
                for (final int x : v)
                {
                    out.putInt(x);
                }
            }
            case double[] v ->
            {
                out.putByte(13);
                out.putInt(v.length);
                for (final double x : v)
                {
                    out.putLong(Double.doubleToRawLongBits(x));
                }
            }
            case byte[] v ->
            {
                out.putByte(14);
                out.putInt(v.length);
                out.putBytes(v);
            }
            default ->
            {
                final Class<?> type = value.getClass();
                if (type == ArrayList.class)
                {
                    final List<?> list = (List<?>)value;
                    out.putByte(15);
                    out.putInt(list.size());
                    for (int i = 0, n = list.size(); i < n; i++)
                    {
                        writeBuiltin(out, list.get(i), state);
                    }
                }
                else if (type == HashMap.class || type == LinkedHashMap.class)
                {
                    final Map<?, ?> map = (Map<?, ?>)value;
                    out.putByte(type == HashMap.class ? 16 : 17);
                    out.putInt(map.size());
                    for (final Map.Entry<?, ?> e : map.entrySet())
                    {
                        writeBuiltin(out, e.getKey(), state);
                        writeBuiltin(out, e.getValue(), state);
                    }
                }
                else
                {
                    throw new StateException("state '" + state + "' holds a " + type.getName() + ", which cannot " +
                        "be checkpointed without a StateSerializer: register the state with one (see " +
                        "StateSerializers; built-in forms exist only for boxed primitives, String, BigDecimal, " +
                        "primitive arrays, ArrayList, HashMap and LinkedHashMap)", null);
                }
            }
        }
    }

    /**
     * @param in         positioned at a value written by {@link #write}.
     * @param serializer the restoring state's serializer, or null.
     * @param state      the state's name, for errors.
     * @return the value.
     * @throws IOException    on a read failure or a truncated file.
     * @throws StateException on an unknown tag, a serialized value without a serializer, or a serializer failure.
     */
    static Object read(final DataInput in, final StateSerializer<?> serializer, final String state)
        throws IOException
    {
        final int tag = in.readUnsignedByte();
        if (tag != SERIALIZED)
        {
            return readBuiltin(in, tag, state);
        }
        final byte[] bytes = new byte[checkedLength(in.readInt(), state)];
        in.readFully(bytes);
        if (serializer == null)
        {
            throw new StateException("state '" + state + "' was checkpointed with a StateSerializer: register it " +
                "with one to restore it", null);
        }
        try
        {
            return serializer.deserialize(bytes);
        }
        catch (final RuntimeException e)
        {
            throw new StateException("state '" + state + "': its StateSerializer cannot read a checkpointed " +
                "value of " + bytes.length + " bytes: " + e, e);
        }
    }

    private static int checkedLength(final int n, final String state)
    {
        if (n < 0)
        {
            throw new StateException("state '" + state + "': corrupt snapshot (negative length " + n + ")", null);
        }
        return n;
    }

    private static Object readBuiltin(final DataInput in, final int tag, final String state) throws IOException
    {
        switch (tag)
        {
            case 1:
                return in.readLong();
            case 2:
                return in.readInt();
            case 3:
                return (short)in.readInt();
            case 4:
                return in.readByte();
            case 5:
                return Double.longBitsToDouble(in.readLong());
            case 6:
                return Float.intBitsToFloat(in.readInt());
            case 7:
                return in.readByte() != 0;
            case 8:
                return (char)in.readInt();
            case 9:
            {
                final byte[] b = new byte[checkedLength(in.readInt(), state)];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            case 10:
            {
                final int scale = in.readInt();
                final byte[] b = new byte[checkedLength(in.readInt(), state)];
                in.readFully(b);
                return new BigDecimal(new BigInteger(b), scale);
            }
            case 11:
            {
                final long[] v = new long[checkedLength(in.readInt(), state)];
                for (int i = 0; i < v.length; i++)
                {
                    v[i] = in.readLong();
                }
                return v;
            }
            case 12:
            {
                final int[] v = new int[checkedLength(in.readInt(), state)];
                for (int i = 0; i < v.length; i++)
                {
                    v[i] = in.readInt();
                }
                return v;
            }
            case 13:
            {
                final double[] v = new double[checkedLength(in.readInt(), state)];
                for (int i = 0; i < v.length; i++)
                {
                    v[i] = Double.longBitsToDouble(in.readLong());
                }
                return v;
            }
            case 14:
            {
                final byte[] v = new byte[checkedLength(in.readInt(), state)];
                in.readFully(v);
                return v;
            }
            case 15:
            {
                final int n = checkedLength(in.readInt(), state);
                final List<Object> list = new ArrayList<>(Math.min(n, 1 << 16));
                for (int i = 0; i < n; i++)
                {
                    list.add(readBuiltin(in, in.readUnsignedByte(), state));
                }
                return list;
            }
            case 16:
            case 17:
            {
                final int n = checkedLength(in.readInt(), state);
                final Map<Object, Object> map = tag == 16 ? new HashMap<>() : new LinkedHashMap<>();
                for (int i = 0; i < n; i++)
                {
                    final Object key = readBuiltin(in, in.readUnsignedByte(), state);
                    map.put(key, readBuiltin(in, in.readUnsignedByte(), state));
                }
                return map;
            }
            case 18:
                return null;
            default:
                throw new StateException("state '" + state + "': corrupt snapshot (unknown value tag " + tag + ")",
                    null);
        }
    }
}
