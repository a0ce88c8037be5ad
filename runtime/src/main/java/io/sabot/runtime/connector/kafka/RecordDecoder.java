package io.sabot.runtime.connector.kafka;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes record values, one row each, straight from their bytes into row slots of Arrow vectors: the decoding half
 * of a {@link KafkaSource} (JSON objects or Avro records), usable on its own for bytes from elsewhere.
 *
 * <p>Use: {@link #target} the vectors of the batch being built (one per column, in schema order, allocated by the
 * caller), then {@link #decode} each value into the next slot. A value that does not decode returns {@code false} with
 * {@link #error()} and {@link #errorColumn()} saying why; nothing is thrown per record, and the slot may hold part of
 * the record, to be overwritten by the next one. The caller sets the value count.
 *
 * <p>Not thread-safe: one thread at a time. The decoder owns none of the vectors and keeps no reference to a value
 * after {@link #decode} returns; {@link #close()} releases its own scratch state.
 */
public interface RecordDecoder extends AutoCloseable
{
    /**
     * @param schema the columns (by name from the object's fields; int32, int64, float64, utf8, bool, decimal128,
     *               date[day], timestamp[ms]).
     * @return a decoder of JSON object values.
     * @throws io.sabot.common.SchemaException if a column type cannot be decoded from JSON.
     */
    static RecordDecoder json(final Schema schema)
    {
        return new JsonRowDecoder(schema);
    }

    /**
     * @param format the writer schema(s) and framing.
     * @param schema the columns (see {@link AvroFormat} for how fields are matched).
     * @return a decoder of Avro binary values.
     * @throws io.sabot.common.SchemaException naming the column and types if a writer schema does not fit.
     */
    static RecordDecoder avro(final AvroFormat format, final Schema schema)
    {
        return new AvroRowDecoder(AvroRowDecoder.Plans.compile(format, schema));
    }

    /**
     * @param vectors the batch being filled, one per column in schema order.
     */
    void target(List<FieldVector> vectors);

    /**
     * Decodes one value into row {@code row} of the target vectors.
     *
     * @param value the record value (position..limit), or {@code null}; its position and limit are left as they were.
     * @param row   the slot.
     * @return {@code true} if the row is complete; {@code false} if the value does not decode.
     */
    boolean decode(ByteBuffer value, int row);

    /**
     * @return why the last {@link #decode} failed.
     */
    String error();

    /**
     * @return the column the last failure concerns, or {@code null}.
     */
    String errorColumn();

    /** Releases the decoder's scratch state. */
    @Override
    void close();
}
