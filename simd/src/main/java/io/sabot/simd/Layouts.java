package io.sabot.simd;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Little-endian, unaligned value layouts used to read Arrow buffers. Arrow buffers are 8-byte aligned at their start,
 * but slices and variable-width data are not, so every access here is declared unaligned; on x86 it costs nothing.
 */
public final class Layouts
{
    /** int8. */
    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** int16, little-endian, unaligned. */
    public static final ValueLayout.OfShort SHORT_UNALIGNED =
        ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** int32, little-endian, unaligned. */
    public static final ValueLayout.OfInt INT_UNALIGNED =
        ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** int64, little-endian, unaligned. */
    public static final ValueLayout.OfLong LONG_UNALIGNED =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** float32, little-endian, unaligned. */
    public static final ValueLayout.OfFloat FLOAT_UNALIGNED =
        ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** float64, little-endian, unaligned. */
    public static final ValueLayout.OfDouble DOUBLE_UNALIGNED =
        ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Layouts()
    {
    }
}
