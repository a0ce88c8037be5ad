package io.sabot.bench.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sabot.runtime.connector.kafka.AvroFormat;
import io.sabot.runtime.connector.kafka.RecordDecoder;
import io.sabot.runtime.fraud.Transactions;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Record decoding of the Kafka source without a broker: {@value #RECORDS} fraud transactions
 * ({@link Transactions}, 11 columns) pre-encoded as Avro binary (by Avro's own writer) and as JSON objects, decoded
 * into Arrow batches of 8,192 rows the way a partition reader does (vectors allocated per batch, released after).
 *
 * <ul>
 *   <li>{@code sabotAvro}: {@link RecordDecoder#avro}, straight from the bytes into the vectors.</li>
 *   <li>{@code sabotJson}: {@link RecordDecoder#json} on the same rows as JSON.</li>
 *   <li>{@code avroGenericReader}: the peer, Avro's {@code GenericDatumReader} into a reused {@code GenericRecord}
 *       (objects only, no Arrow).</li>
 *   <li>{@code avroGenericReaderToArrow}: the peer plus copying each record's fields into the vectors: what a
 *       connector built on Avro's reader would do.</li>
 * </ul>
 *
 * Scores are records per second (one operation = one record).
 *
 * <pre>
 * java @jmh/target/classes/sabot-jvm.args -cp jmh/target/classes:$(cat jmh/target/classpath.txt) \
 *     org.openjdk.jmh.Main AvroDecodeBench
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AvroDecodeBench
{
    /** Records decoded per operation batch. */
    static final int RECORDS = 100_000;
    private static final int BATCH = 8192;

    /** The transactions' Avro writer schema: the columns of {@link Transactions#SCHEMA}, amount as decimal bytes. */
    static final Schema AVRO = AvroFormat.parseSchema("""
        {"type": "record", "name": "Transaction", "namespace": "sabot.fraud", "fields": [
          {"name": "transaction_id", "type": "long"},
          {"name": "account", "type": "long"},
          {"name": "user_id", "type": "long"},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "currency", "type": "string"},
          {"name": "type", "type": "string"},
          {"name": "city", "type": "string"},
          {"name": "payment_method", "type": "string"},
          {"name": "country", "type": "string"},
          {"name": "event_time", "type": "long"},
          {"name": "ingest_nanos", "type": "long"}]}""");

    private BufferAllocator allocator;
    private ByteBuffer[] avro;
    private ByteBuffer[] json;
    private byte[][] avroBytes;
    private RecordDecoder avroDecoder;
    private RecordDecoder jsonDecoder;
    private GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder binary;
    private GenericRecord reuse;

    /** Generates the transactions and encodes them both ways. */
    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator();
        final List<FieldVector> columns = vectors(RECORDS);
        try
        {
            Transactions.generator(100_000).fill(0, RECORDS, columns);
            avro = new ByteBuffer[RECORDS];
            json = new ByteBuffer[RECORDS];
            avroBytes = new byte[RECORDS][];
            final GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(AVRO);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = null;
            final List<Field> fields = Transactions.SCHEMA.getFields();
            for (int r = 0; r < RECORDS; r++)
            {
                final GenericRecord rec = new GenericData.Record(AVRO);
                final StringBuilder sb = new StringBuilder("{");
                for (int c = 0; c < fields.size(); c++)
                {
                    final FieldVector v = columns.get(c);
                    final String name = fields.get(c).getName();
                    sb.append(c == 0 ? "\"" : ",\"").append(name).append("\":");
                    switch (v)
                    {
                        case BigIntVector b ->
                        {
                            rec.put(c, b.get(r));
                            sb.append(b.get(r));
                        }
                        case DecimalVector d ->
                        {
                            final BigDecimal x = d.getObject(r);
                            rec.put(c, ByteBuffer.wrap(x.unscaledValue().toByteArray()));
                            sb.append(x.toPlainString());
                        }
                        case VarCharVector s ->
                        {
                            final String x = new String(s.get(r), StandardCharsets.UTF_8);
                            rec.put(c, x);
                            sb.append('"').append(x).append('"');
                        }
                        default -> throw new IllegalStateException(v.getField().toString());
                    }
                }
                out.reset();
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
                writer.write(rec, encoder);
                encoder.flush();
                avroBytes[r] = out.toByteArray();
                avro[r] = ByteBuffer.wrap(avroBytes[r]);
                json[r] = ByteBuffer.wrap(sb.append('}').toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        finally
        {
            columns.forEach(FieldVector::close);
        }
        avroDecoder = RecordDecoder.avro(AvroFormat.of(AVRO), Transactions.SCHEMA);
        jsonDecoder = RecordDecoder.json(Transactions.SCHEMA);
        reader = new GenericDatumReader<>(AVRO);
        // the check: both decoders give the same rows
        if (decode(avroDecoder, avro) != decode(jsonDecoder, json))
        {
            throw new IllegalStateException("Avro and JSON decoders disagree");
        }
    }

    private List<FieldVector> vectors(final int rows)
    {
        final List<FieldVector> columns = new ArrayList<>();
        for (final Field f : Transactions.SCHEMA.getFields())
        {
            final FieldVector v = f.createVector(allocator);
            v.setInitialCapacity(rows);
            v.allocateNew();
            columns.add(v);
        }
        return columns;
    }

    /** Decodes every value in batches; returns a checksum of the last rows. */
    private long decode(final RecordDecoder decoder, final ByteBuffer[] values)
    {
        long check = 0;
        for (int from = 0; from < values.length; from += BATCH)
        {
            final int n = Math.min(BATCH, values.length - from);
            final List<FieldVector> columns = vectors(n);
            try
            {
                decoder.target(columns);
                for (int r = 0; r < n; r++)
                {
                    if (!decoder.decode(values[from + r], r))
                    {
                        throw new IllegalStateException(decoder.error());
                    }
                }
                columns.forEach(v -> v.setValueCount(n));
                check += ((BigIntVector) columns.get(1)).get(n - 1) + ((DecimalVector) columns.get(3)).getObject(n - 1)
                    .unscaledValue().longValue() + ((VarCharVector) columns.get(6)).get(n - 1).length;
            }
            finally
            {
                columns.forEach(FieldVector::close);
            }
        }
        return check;
    }

    /** @return a checksum. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long sabotAvro()
    {
        return decode(avroDecoder, avro);
    }

    /** @return a checksum. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long sabotJson()
    {
        return decode(jsonDecoder, json);
    }

    /** @return a checksum. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long avroGenericReader() throws IOException
    {
        long check = 0;
        for (final byte[] value : avroBytes)
        {
            binary = DecoderFactory.get().binaryDecoder(value, binary);
            reuse = reader.read(reuse, binary);
            check += (Long) reuse.get(1) + ((Utf8) reuse.get(6)).getByteLength();
        }
        return check;
    }

    /** @return a checksum. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long avroGenericReaderToArrow() throws IOException
    {
        long check = 0;
        for (int from = 0; from < avroBytes.length; from += BATCH)
        {
            final int n = Math.min(BATCH, avroBytes.length - from);
            final List<FieldVector> columns = vectors(n);
            try
            {
                for (int r = 0; r < n; r++)
                {
                    binary = DecoderFactory.get().binaryDecoder(avroBytes[from + r], binary);
                    reuse = reader.read(reuse, binary);
                    for (int c = 0; c < columns.size(); c++)
                    {
                        final Object x = reuse.get(c);
                        switch (columns.get(c))
                        {
                            case BigIntVector b -> b.setSafe(r, (Long) x);
                            case DecimalVector d ->
                            {
                                final ByteBuffer unscaled = (ByteBuffer) x;
                                final byte[] be = new byte[unscaled.remaining()];
                                unscaled.duplicate().get(be);
                                d.setBigEndianSafe(r, be);
                            }
                            case VarCharVector s ->
                            {
                                final Utf8 u = (Utf8) x;
                                s.setSafe(r, u.getBytes(), 0, u.getByteLength());
                            }
                            default -> throw new IllegalStateException();
                        }
                    }
                }
                columns.forEach(v -> v.setValueCount(n));
                check += ((BigIntVector) columns.get(1)).get(n - 1);
            }
            finally
            {
                columns.forEach(FieldVector::close);
            }
        }
        return check;
    }

    /** Releases the decoders and the allocator. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        avroDecoder.close();
        jsonDecoder.close();
        allocator.close();
    }
}
