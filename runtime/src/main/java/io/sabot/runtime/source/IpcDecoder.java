package io.sabot.runtime.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes Arrow IPC messages (encapsulated format: optional {@code 0xFFFFFFFF} continuation, int32 metadata length,
 * flatbuffer {@code Message}, body) from a {@link ByteInput}. Record batch bodies are read into one Arrow buffer per
 * message and the vectors are loaded as zero-copy slices of it (reference counted), so a polled batch costs one read
 * and no copy. With a column projection over a file, only the projected columns' bytes are read (one read per
 * column).
 *
 * <p>Errors: a message cut short, a bad length or a body that does not match its metadata throw
 * {@link MalformedInputException} naming the input and the byte offset of the message. Not thread-safe. Owns a small
 * metadata scratch buffer and the input.
 */
final class IpcDecoder implements AutoCloseable
{
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** Flatbuffer metadata larger than this is taken as corruption (real schemas and batches need kilobytes). */
    private static final int MAX_METADATA = 1 << 26;

    private final ByteInput input;
    private final BufferAllocator allocator;
    private ArrowBuf scratch;
    private long messageStart;
    private boolean endOfStream;
    private boolean closed;

    IpcDecoder(final ByteInput input, final BufferAllocator allocator)
    {
        this.input = input;
        this.allocator = allocator;
        this.scratch = allocator.buffer(256);
    }

    ByteInput input()
    {
        return input;
    }

    /**
     * @return the offset where the last message read by {@link #next()} started.
     */
    long messageStart()
    {
        return messageStart;
    }

    /**
     * @return whether the last {@link #next()} returned {@code null} because of an end-of-stream marker (rather than
     * the end of the input).
     */
    boolean endOfStream()
    {
        return endOfStream;
    }

    /**
     * Reads the next message's metadata.
     *
     * @return the message, or {@code null} at an end-of-stream marker or when the input ends exactly at a message
     * boundary. The message is valid until the next call.
     */
    Message next()
    {
        messageStart = input.position();
        endOfStream = false;
        final long got = input.read(scratch, 0, 4);
        if (got == 0)
        {
            return null;
        }
        if (got < 4)
        {
            throw malformed("message prefix cut short (" + got + " of 4 bytes)", messageStart);
        }
        int length = scratch.getInt(0);
        if (length == CONTINUATION)
        {
            if (input.read(scratch, 0, 4) < 4)
            {
                throw malformed("message length cut short", messageStart);
            }
            length = scratch.getInt(0);
        }
        if (length == 0)
        {
            endOfStream = true;
            return null;
        }
        if (length < 0 || length > MAX_METADATA || length > input.remaining())
        {
            // Checked before allocating, so a corrupt length cannot ask for gigabytes.
            throw malformed("bad message metadata length " + length + " (" + input.remaining() + " bytes left)",
                messageStart);
        }
        ensureScratch(length);
        final long read = input.read(scratch, 0, length);
        if (read < length)
        {
            throw malformed("message metadata cut short (" + read + " of " + length + " bytes)", messageStart);
        }
        try
        {
            final ByteBuffer meta = scratch.nioBuffer(0, length).order(ByteOrder.LITTLE_ENDIAN);
            final Message message = Message.getRootAsMessage(meta);
            if (message.bodyLength() < 0)
            {
                throw malformed("negative body length " + message.bodyLength(), messageStart);
            }
            message.headerType();
            return message;
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException e)
        {
            throw malformed("undecodable message metadata: " + e, messageStart);
        }
    }

    /**
     * @param message a schema message from {@link #next()}.
     * @return its schema.
     */
    Schema schema(final Message message)
    {
        if (message.headerType() != MessageHeader.Schema)
        {
            throw malformed("expected a schema message, found header type " +
                MessageHeader.name(message.headerType()), messageStart);
        }
        try
        {
            final Schema schema = MessageSerializer.deserializeSchema(message);
            skipBody(message);
            for (final Field f : schema.getFields())
            {
                if (f.getDictionary() != null)
                {
                    throw new SchemaException("column '" + f.getName() + "' of " + input.name() +
                        " is dictionary-encoded, which is not supported");
                }
            }
            return schema;
        }
        catch (final RuntimeException e)
        {
            if (e instanceof SchemaException || e instanceof MalformedInputException)
            {
                throw e;
            }
            throw malformed("undecodable schema: " + e, messageStart);
        }
    }

    private void skipBody(final Message message)
    {
        long left = message.bodyLength();
        if (left > 0 && input instanceof ByteInput.FileInput)
        {
            input.seek(input.position() + left);
            return;
        }
        while (left > 0)
        {
            final long n = input.read(scratch, 0, Math.min(left, scratch.capacity()));
            if (n == 0)
            {
                throw malformed("schema message body cut short", messageStart);
            }
            left -= n;
        }
    }

    /**
     * Reads the body of a record batch message (into one buffer) and loads it.
     *
     * @param message    a record batch message from {@link #next()}.
     * @param schema     the stream's schema.
     * @param projection indices of the columns to keep (in output order), or {@code null} for all.
     * @return the batch, owned by the caller.
     */
    Batch batch(final Message message, final Schema schema, final int[] projection)
    {
        final byte type = message.headerType();
        if (type == MessageHeader.DictionaryBatch)
        {
            throw malformed("dictionary batches are not supported", messageStart);
        }
        if (type != MessageHeader.RecordBatch)
        {
            throw malformed("expected a record batch, found header type " + MessageHeader.name(type),
                messageStart);
        }
        final long bodyLength = message.bodyLength();
        final long start = messageStart;
        if (bodyLength > input.remaining())
        {
            throw malformed("record batch body cut short (" + input.remaining() + " of " + bodyLength + " bytes)",
                start);
        }
        final RecordBatch header = (RecordBatch) message.header(new RecordBatch());
        if (header == null)
        {
            throw malformed("record batch without header", start);
        }
        final boolean project = projection != null && projection.length < schema.getFields().size() &&
            input instanceof ByteInput.FileInput;
        final ArrowBuf body = allocator.buffer(project ? 0 : bodyLength);
        boolean handedOver = false;
        try
        {
            final long read = project || bodyLength == 0 ? bodyLength : input.read(body, 0, bodyLength);
            if (read < bodyLength)
            {
                throw malformed("record batch body cut short (" + read + " of " + bodyLength + " bytes)", start);
            }
            if (header.compression() != null)
            {
                throw malformed("compressed record batches are not supported", start);
            }
            if (project)
            {
                if (header.variadicBufferCountsLength() != 0)
                {
                    throw malformed("projection over variadic (view) buffers is not supported", start);
                }
                return projected(header, schema, projection, start, bodyLength);
            }
            handedOver = true;
            return load(header, body, schema, projection, start);
        }
        finally
        {
            if (!handedOver)
            {
                body.close();
            }
        }
    }

    private Batch load(final RecordBatch header, final ArrowBuf body, final Schema schema, final int[] projection,
        final long start)
    {
        final VectorSchemaRoot root;
        try
        {
            root = VectorSchemaRoot.create(schema, allocator);
        }
        catch (final RuntimeException e)
        {
            body.close();
            throw e;
        }
        final List<FieldVector> all = root.getFieldVectors();
        try
        {
            // deserializeRecordBatch takes over the body: its slices are retained by the record batch and the body's
            // own reference is released, so closing the record batch after loading leaves the vectors as owners.
            try (ArrowRecordBatch arb = MessageSerializer.deserializeRecordBatch(header, body))
            {
                new VectorLoader(root, NoCompressionCodec.Factory.INSTANCE).load(arb);
            }
            if (projection == null)
            {
                return Batch.of(all);
            }
            final List<FieldVector> kept = new ArrayList<>(projection.length);
            final boolean[] keep = new boolean[all.size()];
            for (final int p : projection)
            {
                kept.add(all.get(p));
                keep[p] = true;
            }
            for (int i = 0; i < all.size(); i++)
            {
                if (!keep[i])
                {
                    all.get(i).close();
                }
            }
            return Batch.of(kept);
        }
        catch (final IOException | RuntimeException e)
        {
            root.close();
            if (e instanceof MalformedInputException m)
            {
                throw m;
            }
            throw malformed("record batch does not match its metadata: " + e, start);
        }
    }

    /**
     * Reads only the body bytes of the projected columns: each top-level column's buffers are contiguous in the body
     * (pre-order field layout), so one read per projected column, from which its buffers are sliced.
     */
    private Batch projected(final RecordBatch header, final Schema schema, final int[] projection, final long start,
        final long bodyLength)
    {
        final long bodyStart = input.position();
        final List<Field> fields = schema.getFields();
        final int[] nodeStart = new int[fields.size() + 1];
        final int[] bufferStart = new int[fields.size() + 1];
        for (int i = 0; i < fields.size(); i++)
        {
            nodeStart[i + 1] = nodeStart[i] + nodeCount(fields.get(i));
            bufferStart[i + 1] = bufferStart[i] + bufferCount(fields.get(i));
        }
        if (nodeStart[fields.size()] != header.nodesLength() || bufferStart[fields.size()] != header.buffersLength())
        {
            throw malformed("record batch has " + header.nodesLength() + " nodes and " + header.buffersLength() +
                " buffers, the schema needs " + nodeStart[fields.size()] + " and " + bufferStart[fields.size()], start);
        }
        final List<ArrowFieldNode> nodes = new ArrayList<>();
        final List<ArrowBuf> buffers = new ArrayList<>();
        final List<ArrowBuf> chunks = new ArrayList<>(projection.length);
        final List<Field> out = new ArrayList<>(projection.length);
        try
        {
            for (final int p : projection)
            {
                out.add(fields.get(p));
                for (int j = nodeStart[p]; j < nodeStart[p + 1]; j++)
                {
                    final FieldNode node = header.nodes(j);
                    nodes.add(new ArrowFieldNode(node.length(), node.nullCount()));
                }
                long lo = Long.MAX_VALUE;
                long hi = 0;
                for (int k = bufferStart[p]; k < bufferStart[p + 1]; k++)
                {
                    final Buffer b = header.buffers(k);
                    if (b.offset() < 0 || b.length() < 0 || b.offset() + b.length() > bodyLength)
                    {
                        throw malformed("buffer " + k + " lies outside the record batch body", start);
                    }
                    if (b.length() > 0)
                    {
                        lo = Math.min(lo, b.offset());
                        hi = Math.max(hi, b.offset() + b.length());
                    }
                }
                final ArrowBuf chunk = allocator.buffer(hi > lo ? hi - lo : 0);
                chunks.add(chunk);
                if (hi > lo)
                {
                    input.seek(bodyStart + lo);
                    if (input.read(chunk, 0, hi - lo) < hi - lo)
                    {
                        throw malformed("record batch body cut short", start);
                    }
                }
                for (int k = bufferStart[p]; k < bufferStart[p + 1]; k++)
                {
                    final Buffer b = header.buffers(k);
                    buffers.add(b.length() == 0 ? chunk.slice(0, 0) : chunk.slice(b.offset() - lo, b.length()));
                }
            }
            input.seek(bodyStart + bodyLength);
            final VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(out), allocator);
            try (ArrowRecordBatch arb = new ArrowRecordBatch(Math.toIntExact(header.length()), nodes, buffers))
            {
                new VectorLoader(root, NoCompressionCodec.Factory.INSTANCE).load(arb);
            }
            catch (final RuntimeException e)
            {
                root.close();
                throw malformed("record batch does not match its metadata: " + e, start);
            }
            return Batch.of(root.getFieldVectors());
        }
        finally
        {
            chunks.forEach(ArrowBuf::close);
        }
    }

    private static int nodeCount(final Field field)
    {
        int n = 1;
        for (final Field child : field.getChildren())
        {
            n += nodeCount(child);
        }
        return n;
    }

    private static int bufferCount(final Field field)
    {
        int n = TypeLayout.getTypeBufferCount(field.getType());
        for (final Field child : field.getChildren())
        {
            n += bufferCount(child);
        }
        return n;
    }

    MalformedInputException malformed(final String what, final long offset)
    {
        return new MalformedInputException(what, input.name(), offset, null);
    }

    private void ensureScratch(final long length)
    {
        if (scratch.capacity() < length)
        {
            scratch.close();
            scratch = allocator.buffer(Math.max(length, scratch.capacity() * 2));
        }
    }

    /**
     * Releases the scratch buffer and the input. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            scratch.close();
        }
        finally
        {
            input.close();
        }
    }
}
