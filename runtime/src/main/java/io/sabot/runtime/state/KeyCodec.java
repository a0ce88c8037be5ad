package io.sabot.runtime.state;

import io.sabot.common.StateException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte form of a composite key (the {@code List} of key values a keyed operator passes to
 * {@link KeyedStateBackend#setCurrentKey(Object)}), shared by the RocksDB row keys and the heap snapshot: equal keys
 * give equal bytes, and {@link #decode} gives back an equal key, so a restoring backend can ask a {@link KeyFilter}.
 *
 * <pre>
 *   key    value*                       (a key that is not a List is encoded as a one-value list)
 *   value  tag byte + payload, big-endian:
 *          0 null | 1 Long int64 | 2 Double bits int64 | 3 Boolean byte | 4 String int32 length + UTF-8
 *          5 BigDecimal scale int32 + int32 length + unscaled two's complement | 6 Integer int32 | 7 Short int16
 *          8 Byte | 9 Float bits int32 | 10 LocalDate epoch day int64 | 11 LocalDateTime epoch second int64 + nano
 *          int32 | 12 LocalTime nano of day int64 | 13 any other type: int32 length + UTF-8 of toString()
 * </pre>
 *
 * Tag 13 keeps lookups working for key types this codec does not know (equal strings, equal bytes) but cannot be
 * decoded: such keys cannot be rescaled or kept in a heap snapshot, and both fail with a {@link StateException}.
 *
 * <p>Thread-safety: an instance holds a scratch buffer and belongs to one backend (one thread); the static methods
 * are thread-safe.
 */
final class KeyCodec
{
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte STRING = 4;
    private static final byte DECIMAL = 5;
    private static final byte INT = 6;
    private static final byte SHORT = 7;
    private static final byte BYTE = 8;
    private static final byte FLOAT = 9;
    private static final byte DATE = 10;
    private static final byte DATE_TIME = 11;
    private static final byte TIME = 12;
    private static final byte OPAQUE = 13;

    private ByteBuffer scratch = ByteBuffer.allocate(64);

    /**
     * @param key    a composite key (a List of values, or one value).
     * @param prefix bytes to leave free in front of the encoding (RocksDB puts the length there).
     * @param strict whether a value of an unknown type fails ({@link StateException}) instead of tag 13.
     * @return a new array: {@code prefix} zero bytes, then the encoding.
     */
    byte[] encode(final Object key, final int prefix, final boolean strict)
    {
        final ByteBuffer out = scratch.clear();
        out.position(prefix);
        if (key instanceof List<?> values)
        {
            for (int i = 0, n = values.size(); i < n; i++)
            {
                put(values.get(i), strict);
            }
        }
        else
        {
            put(key, strict);
        }
        return Arrays.copyOf(scratch.array(), scratch.position());
    }

    private void put(final Object v, final boolean strict)
    {
        switch (v)
        {
            case null -> room(1).put(NULL);
            case Long l -> room(9).put(LONG).putLong(l);
            case Double d -> room(9).put(DOUBLE).putLong(Double.doubleToLongBits(d));
            case Boolean b -> room(2).put(BOOLEAN).put((byte)(b ? 1 : 0));
            case String s -> putBytes(STRING, s.getBytes(StandardCharsets.UTF_8));
            case BigDecimal d ->
            {
                room(5).put(DECIMAL).putInt(d.scale());
                final byte[] unscaled = d.unscaledValue().toByteArray();
                room(4 + unscaled.length).putInt(unscaled.length).put(unscaled);
            }
            case Integer i -> room(5).put(INT).putInt(i);
            case Short s -> room(3).put(SHORT).putShort(s);
            case Byte b -> room(2).put(BYTE).put(b);
            case Float f -> room(5).put(FLOAT).putInt(Float.floatToIntBits(f));
            case LocalDate d -> room(9).put(DATE).putLong(d.toEpochDay());
            case LocalDateTime t -> room(13).put(DATE_TIME).putLong(t.toLocalDate().toEpochDay() * 86_400L +
                t.toLocalTime().toSecondOfDay()).putInt(t.getNano());
            case LocalTime t -> room(9).put(TIME).putLong(t.toNanoOfDay());
            default ->
            {
                if (strict)
                {
                    throw new StateException("a key value of type " + v.getClass().getName() + " cannot be " +
                        "checkpointed (key values must be Long, Integer, Short, Byte, Double, Float, Boolean, " +
                        "String, BigDecimal, LocalDate, LocalDateTime or LocalTime)", null);
                }
                putBytes(OPAQUE, v.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void putBytes(final byte tag, final byte[] bytes)
    {
        room(5 + bytes.length).put(tag).putInt(bytes.length).put(bytes);
    }

    private ByteBuffer room(final int bytes)
    {
        if (scratch.remaining() < bytes)
        {
            scratch = ByteBuffer.allocate(Math.max(scratch.capacity() * 2, scratch.position() + bytes))
                .put(scratch.flip());
        }
        return scratch;
    }

    /**
     * @param bytes  holds an encoding from {@link #encode}.
     * @param offset where it starts.
     * @param length its length.
     * @return the key values, as a new mutable list.
     * @throws StateException when the bytes are not an encoding, or hold a value of an unknown type (tag 13).
     */
    static List<Object> decode(final byte[] bytes, final int offset, final int length)
    {
        final ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        final List<Object> out = new ArrayList<>(4);
        try
        {
            while (in.hasRemaining())
            {
                final byte tag = in.get();
                out.add(switch (tag)
                {
                    case NULL -> null;
                    case LONG -> in.getLong();
                    case DOUBLE -> Double.longBitsToDouble(in.getLong());
                    case BOOLEAN -> in.get() != 0;
                    case STRING -> new String(take(in), StandardCharsets.UTF_8);
                    case DECIMAL ->
                    {
                        final int scale = in.getInt();
                        yield new BigDecimal(new BigInteger(take(in)), scale);
                    }
                    case INT -> in.getInt();
                    case SHORT -> in.getShort();
                    case BYTE -> in.get();
                    case FLOAT -> Float.intBitsToFloat(in.getInt());
                    case DATE -> LocalDate.ofEpochDay(in.getLong());
                    case DATE_TIME ->
                    {
                        final long seconds = in.getLong();
                        yield LocalDateTime.of(LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L)),
                            LocalTime.ofSecondOfDay(Math.floorMod(seconds, 86_400L)).withNano(in.getInt()));
                    }
                    case TIME -> LocalTime.ofNanoOfDay(in.getLong());
                    case OPAQUE -> throw new StateException("a key holds a value of a type that cannot be decoded " +
                        "(stored as the string '" + new String(take(in), StandardCharsets.UTF_8) + "'), so its " +
                        "state cannot be redistributed to another parallelism", null);
                    default -> throw new StateException("corrupt composite key: unknown value tag " + tag, null);
                });
            }
        }
        catch (final RuntimeException e)
        {
            if (e instanceof StateException s)
            {
                throw s;
            }
            throw new StateException("corrupt composite key of " + length + " bytes: " + e, e);
        }
        return out;
    }

    private static byte[] take(final ByteBuffer in)
    {
        final byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }
}
