package io.sabot.runtime.connector.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node KRaft Kafka broker (combined broker + controller) in this JVM, for tests: formats a temporary log
 * directory, listens on two free loopback ports (127.0.0.1 only), creates topics, and on {@link #close()} shuts
 * down and deletes the directory. Starting takes a few seconds, so test classes share one broker per JVM through
 * {@link #shared(ExtensionContext)} (JUnit closes it after the last test) and use distinct topic names.
 *
 * <p>Thread-safety: {@link #createTopic} and the getters are thread-safe; start and close once.
 */
public final class EmbeddedKafka implements AutoCloseable
{
    private final Path logDir;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;

    private EmbeddedKafka(final Path logDir, final KafkaRaftServer server, final String bootstrapServers)
    {
        this.logDir = logDir;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * @param context any test's context.
     * @return the broker shared by every test of this JVM, started on first use, closed by JUnit at the end.
     */
    public static EmbeddedKafka shared(final ExtensionContext context)
    {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
            .computeIfAbsent(EmbeddedKafka.class, k -> start(), EmbeddedKafka.class);
    }

    /**
     * Registers the shared broker for a test class: {@code @RegisterExtension static final EmbeddedKafka.Shared
     * KAFKA = new EmbeddedKafka.Shared();} then {@code KAFKA.get()}.
     */
    public static final class Shared implements BeforeAllCallback
    {
        private volatile EmbeddedKafka kafka;

        @Override
        public void beforeAll(final ExtensionContext context)
        {
            kafka = shared(context);
        }

        /**
         * @return the running shared broker.
         */
        public EmbeddedKafka get()
        {
            return kafka;
        }
    }

    /**
     * Formats a temporary log directory and starts a broker on free loopback ports.
     *
     * @return the running broker.
     */
    public static EmbeddedKafka start()
    {
        try
        {
            final Path dir = Files.createTempDirectory("sabot-kafka-");
            final int brokerPort = freePort();
            final int controllerPort = freePort();
            final Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", dir.resolve("logs").toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "1");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "false");
            p.put("num.partitions", "1");
            final Path config = dir.resolve("server.properties");
            try (var out = Files.newOutputStream(config))
            {
                p.store(out, "EmbeddedKafka");
            }
            final ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
            final int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toString()}, new PrintStream(formatLog, true, StandardCharsets.UTF_8));
            if (rc != 0)
            {
                throw new IllegalStateException("kafka storage format failed (" + rc + "): " +
                    formatLog.toString(StandardCharsets.UTF_8));
            }
            final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(dir, server, "127.0.0.1:" + brokerPort);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return s.getLocalPort();
        }
    }

    /**
     * @return {@code 127.0.0.1:port} of the broker listener.
     */
    public String bootstrapServers()
    {
        return bootstrapServers;
    }

    /**
     * Creates a topic and waits until every partition's leader answers offset requests: a producer that writes to a
     * partition whose leadership is still being set up gets {@code NOT_LEADER_OR_FOLLOWER}, and the idempotent
     * producer's retry of its first batch was then seen to fail with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its
     * delivery timeout.
     *
     * @param name       the topic.
     * @param partitions its partition count.
     */
    public void createTopic(final String name, final int partitions)
    {
        try
        {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int i = 0; i < partitions; i++)
            {
                latest.put(new TopicPartition(name, i), OffsetSpec.latest());
            }
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (true)
            {
                try
                {
                    admin.listOffsets(latest).all().get();
                    break;
                }
                catch (final ExecutionException e)
                {
                    if (System.nanoTime() > deadline)
                    {
                        throw e;
                    }
                    Thread.sleep(10);
                }
            }
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        catch (final ExecutionException e)
        {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
        }
    }

    /** Shuts the broker down and deletes its directory. */
    @Override
    public void close()
    {
        admin.close();
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(logDir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }
}
