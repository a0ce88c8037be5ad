package io.sabot.kernels.decimal;

import io.sabot.common.SchemaException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.ExtensionTypeRegistry;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Sabot's 64-bit decimal: the Arrow extension type {@code sabot.decimal64} over storage {@code Int(64, signed)},
 * holding {@code decimal(p, s)} values with 1 &lt;= p &lt;= 18 as their unscaled int64 (value = unscaled / 10^s).
 * Arrow's format has {@code Decimal(p, s, 64)} but Arrow Java 18.3 has no vector for it (apache/arrow-java#1227);
 * the extension type gives the same 8-byte layout and survives IPC (the metadata string is {@code "p,s"}).
 *
 * <pre>
 *   field:   Int(64, signed), metadata ARROW:extension:name = sabot.decimal64, ARROW:extension:metadata = "15,2"
 *   buffers: validity bitmap | values: int64 unscaled, little-endian, 8 bytes per row
 *            row i at bytes [8i, 8i + 8); |value| &lt; 10^p for every non-null row
 * </pre>
 *
 * <p>{@link #register()} (run by this class's initializer) registers the type with {@link ExtensionTypeRegistry}
 * once, so IPC readers rebuild it; constructing or looking at any instance registers it.
 *
 * <p>Thread-safety: immutable; compares by precision and scale.
 */
public final class Decimal64Type extends ArrowType.ExtensionType
{
    /** The extension name written to the field metadata. */
    public static final String NAME = "sabot.decimal64";
    /** The most digits a decimal64 holds: every 18-digit number fits a signed 64-bit integer. */
    public static final int MAX_PRECISION = 18;
    private static final ArrowType STORAGE = new ArrowType.Int(64, true);

    static
    {
        ExtensionTypeRegistry.register(new Decimal64Type(1, 0));
    }

    private final int precision;
    private final int scale;

    /**
     * @param precision total digits, 1..18.
     * @param scale     digits after the point, 0..precision.
     * @throws SchemaException when precision or scale is out of range.
     */
    public Decimal64Type(final int precision, final int scale)
    {
        if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)
        {
            throw new SchemaException("decimal64(" + precision + ", " + scale + ") needs 1 <= precision <= 18 and " +
                "0 <= scale <= precision");
        }
        this.precision = precision;
        this.scale = scale;
    }

    /**
     * Registers the type with Arrow's {@link ExtensionTypeRegistry} (idempotent; the class initializer already did).
     */
    public static void register()
    {
        ExtensionTypeRegistry.register(new Decimal64Type(1, 0));
    }

    /**
     * @param type any Arrow type, or {@code null}.
     * @return whether it is a decimal64.
     */
    public static boolean is(final ArrowType type)
    {
        return type instanceof Decimal64Type;
    }

    /**
     * @param precision total digits, 1..18. @param scale digits after the point.
     * @return a nullable field of this type.
     * @param name the field name.
     */
    public static Field field(final String name, final int precision, final int scale)
    {
        return new Field(name, FieldType.nullable(new Decimal64Type(precision, scale)), null);
    }

    /** @return total digits, 1..18. */
    public int precision()
    {
        return precision;
    }

    /** @return digits after the point. */
    public int scale()
    {
        return scale;
    }

    /** @return {@code Decimal(precision, scale, 128)}: the type this one widens to. */
    public ArrowType.Decimal wide()
    {
        return new ArrowType.Decimal(precision, scale, 128);
    }

    @Override
    public ArrowType storageType()
    {
        return STORAGE;
    }

    @Override
    public String extensionName()
    {
        return NAME;
    }

    @Override
    public boolean extensionEquals(final ExtensionType other)
    {
        return other instanceof Decimal64Type d && d.precision == precision && d.scale == scale;
    }

    @Override
    public String serialize()
    {
        return precision + "," + scale;
    }

    @Override
    public ArrowType deserialize(final ArrowType storageType, final String serializedData)
    {
        if (!STORAGE.equals(storageType))
        {
            throw new SchemaException(NAME + " needs storage Int(64, signed) but the field has " + storageType);
        }
        final int comma = serializedData == null ? -1 : serializedData.indexOf(',');
        if (comma < 0)
        {
            throw new SchemaException(NAME + " metadata must be \"precision,scale\" but is '" + serializedData + "'");
        }
        try
        {
            return new Decimal64Type(Integer.parseInt(serializedData.substring(0, comma).trim()),
                Integer.parseInt(serializedData.substring(comma + 1).trim()));
        }
        catch (final NumberFormatException e)
        {
            throw new SchemaException(NAME + " metadata must be \"precision,scale\" but is '" + serializedData + "'");
        }
    }

    @Override
    public FieldVector getNewVector(final String name, final FieldType fieldType, final BufferAllocator allocator)
    {
        return new Decimal64Vector(new Field(name, fieldType, null), allocator);
    }

    @Override
    public String toString()
    {
        return "Decimal64(" + precision + ", " + scale + ")";
    }
}
