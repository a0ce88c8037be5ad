package io.sabot.runtime.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Serializers for common state value types. Stateless and thread-safe.
 */
public final class StateSerializers
{
    /** Big-endian 8 bytes. */
    public static final StateSerializer<Long> LONG = new StateSerializer<>()
    {
        @Override
        public byte[] serialize(final Long value)
        {
            return ByteBuffer.allocate(8).putLong(value).array();
        }

        @Override
        public Long deserialize(final byte[] bytes)
        {
            return ByteBuffer.wrap(bytes).getLong();
        }
    };

    /** IEEE 754 bits, big-endian. */
    public static final StateSerializer<Double> DOUBLE = new StateSerializer<>()
    {
        @Override
        public byte[] serialize(final Double value)
        {
            return ByteBuffer.allocate(8).putDouble(value).array();
        }

        @Override
        public Double deserialize(final byte[] bytes)
        {
            return ByteBuffer.wrap(bytes).getDouble();
        }
    };

    /** UTF-8. */
    public static final StateSerializer<String> STRING = new StateSerializer<>()
    {
        @Override
        public byte[] serialize(final String value)
        {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(final byte[] bytes)
        {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    /** Big-endian longs. */
    public static final StateSerializer<long[]> LONG_ARRAY = new StateSerializer<>()
    {
        @Override
        public byte[] serialize(final long[] value)
        {
            final ByteBuffer out = ByteBuffer.allocate(8 * value.length);
            for (final long v : value)
            {
                out.putLong(v);
            }
            return out.array();
        }

        @Override
        public long[] deserialize(final byte[] bytes)
        {
            final ByteBuffer in = ByteBuffer.wrap(bytes);
            final long[] out = new long[bytes.length / 8];
            for (int i = 0; i < out.length; i++)
            {
                out[i] = in.getLong();
            }
            return out;
        }
    };

    private StateSerializers()
    {
    }
}
