package io.sabot.runtime.fraud;

import io.sabot.kernels.Batch;
import io.sabot.runtime.api.DataStream;
import io.sabot.runtime.api.Job;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.GeneratorSource;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fraud-detection job ({@code sabot run fraud -- [options]}): transactions from the built-in generator, event
 * time with watermarks, keyed by account, {@link FraudDetector}; alerts counted by type, their end-to-end latency
 * (generation to the sink, {@code System.nanoTime}) reported as percentiles, and optionally written to CSV.
 *
 * <pre>
 *   --transactions N   how many (default 10,000,000)
 *   --accounts N       how many accounts (default 100,000)
 *   --rate R           transactions per second, 0 for as fast as possible (default 0)
 *   --out FILE.csv     also write the alerts there
 *   --state S          memory (default) or rocksdb (keyed state in RocksDB under java.io.tmpdir)
 *   --kafka H:P        read the transactions (JSON, {@link Transactions#SCHEMA}) from Kafka instead: every record
 *                      of --topic (default "transactions") present when the job starts
 *   --checkpoints DIR  take checkpoints into DIR (every --checkpoint-interval seconds, default 10) and restart from
 *                      the last one after a failure; --out is then a directory of exactly-once part files
 *   --restore DIR      start from a checkpoint (DIR/chk-N) or savepoint
 * </pre>
 */
public final class FraudJob implements Job
{
    /** Summary of a run. */
    public record Result(long transactions, double seconds, Map<String, Long> alertsByType, long[] latencyMicros)
    {
        /** @param p a percentile, 0..100. @return that latency percentile in ms, or NaN without alerts. */
        public double latencyMs(final double p)
        {
            if (latencyMicros.length == 0)
            {
                return Double.NaN;
            }
            final int i = (int)Math.min(latencyMicros.length - 1, Math.ceil(p / 100 * latencyMicros.length) - 1);
            return latencyMicros[Math.max(0, i)] / 1000.0;
        }
    }

    @Override
    public void run(final StreamEnvironment env, final String[] args)
    {
        long transactions = 10_000_000;
        long accounts = 100_000;
        double rate = 0;
        Path out = null;
        Path rocksDb = null;
        String kafka = null;
        String topic = "transactions";
        Path checkpoints = null;
        Path restore = null;
        double interval = 10;
        for (int i = 0; i < args.length; i++)
        {
            final String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--transactions" -> transactions = Long.parseLong(require(args[i], value));
                case "--accounts" -> accounts = Long.parseLong(require(args[i], value));
                case "--rate" -> rate = Double.parseDouble(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--kafka" -> kafka = require(args[i], value);
                case "--topic" -> topic = require(args[i], value);
                case "--checkpoints" -> checkpoints = Path.of(require(args[i], value));
                case "--checkpoint-interval" -> interval = Double.parseDouble(require(args[i], value));
                case "--restore" -> restore = Path.of(require(args[i], value));
                case "--state" -> rocksDb = switch (require(args[i], value))
                {
                    case "memory" -> null;
                    case "rocksdb" -> Path.of(System.getProperty("java.io.tmpdir"), "sabot-fraud-state");
                    default -> throw new IllegalArgumentException("--state takes memory or rocksdb, not " + value);
                };
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'; options: " +
                    "--transactions N, --accounts N, --rate R, --out FILE.csv, --state memory|rocksdb, " +
                    "--kafka HOST:PORT, --topic NAME, --checkpoints DIR, --checkpoint-interval SECONDS, " +
                    "--restore DIR");
            }
            i++;
        }
        final io.sabot.runtime.source.Source source = kafka == null ? null :
            io.sabot.runtime.connector.kafka.Kafka.source(kafka, topic, Transactions.SCHEMA);
        final Result result;
        if (rocksDb == null && checkpoints == null && restore == null)
        {
            result = run(env, source, transactions, accounts, rate, out, null);
        }
        else
        {
            // RocksDB state or checkpoints: the job runs in its own environment configured for them
            final StreamEnvironment.Builder builder = StreamEnvironment.builder().parallelism(env.parallelism())
                .morselRows(env.morselRows());
            if (rocksDb != null)
            {
                builder.stateBackend(io.sabot.runtime.state.StateBackends.rocksDb(rocksDb));
            }
            if (checkpoints != null)
            {
                builder.checkpointing(checkpoints, java.time.Duration.ofMillis((long)(interval * 1000)));
            }
            try (StreamEnvironment own = builder.build())
            {
                result = run(own, source, transactions, accounts, rate, out, restore);
            }
        }
        System.out.printf(Locale.ROOT, "fraud: %,d transactions in %.2f s: %.2f M transactions/s%n",
            result.transactions(), result.seconds(), result.transactions() / result.seconds() / 1e6);
        System.out.printf(Locale.ROOT, "fraud: alerts %s%n", result.alertsByType());
        System.out.printf(Locale.ROOT, "fraud: alert latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
            result.latencyMs(50), result.latencyMs(99), result.latencyMs(100));
    }

    private static String require(final String option, final String value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * @param env          the environment.
     * @param transactions how many generated transactions.
     * @param accounts     accounts.
     * @param rate         transactions per second, 0 for unlimited.
     * @return the alert stream ({@link FraudDetector#ALERTS}).
     */
    public static DataStream alerts(final StreamEnvironment env, final long transactions, final long accounts,
        final double rate)
    {
        final GeneratorSource.Builder source = GeneratorSource.builder(Transactions.SCHEMA,
            Transactions.generator(accounts)).rows(transactions).batchRows(batchRows(rate, env.parallelism()));
        if (rate > 0)
        {
            source.rateLimit(rate);
        }
        return alerts(env, source.build());
    }

    /**
     * Rows per generated batch: 1024 as fast as possible, with a rate about 2 ms of one shard's rows (256..1024).
     * Small batches keep the accounts a batch touches in cache until its timers fire right after it (the detector
     * reads each account twice: when the row arrives and when the watermark passes it; 1024 rows took ~15% less CPU
     * per transaction than 4096). With a rate, a row also waits for the next batch of the other splits before the
     * watermark passes it, so at 250K rows/s per shard 4096-row batches alone would add 16 ms. The rows are the same
     * either way (a row is a function of its index).
     *
     * @param rate        transactions per second, 0 for unlimited.
     * @param parallelism shards.
     * @return rows per batch.
     */
    static int batchRows(final double rate, final int parallelism)
    {
        return rate <= 0 ? 1024 : (int)Math.max(256, Math.min(1024, rate / Math.max(1, parallelism) / 500));
    }

    /**
     * @param env          the environment.
     * @param transactions a source of {@link Transactions#SCHEMA} rows (the generator, or Kafka: {@code
     *                     Kafka.source(servers, topic, Transactions.SCHEMA)}, one split and watermark per partition).
     * @return the alert stream ({@link FraudDetector#ALERTS}).
     */
    public static DataStream alerts(final StreamEnvironment env, final io.sabot.runtime.source.Source transactions)
    {
        return env.from(transactions).withEventTime("event_time", Duration.ofMillis(50))
            // only what the rules read crosses the exchange (unused columns are pruned at the source)
            .select("transaction_id", "account", "amount", "city", "event_time", "ingest_nanos")
            .keyBy("account").process(FraudDetector::new, FraudDetector.ALERTS);
    }

    /**
     * @param env          the environment.
     * @param transactions how many.
     * @param accounts     accounts.
     * @param rate         transactions per second, 0 for unlimited.
     * @param csv          where to write the alerts too, or {@code null}.
     * @return the summary.
     */
    public static Result run(final StreamEnvironment env, final long transactions, final long accounts,
        final double rate, final Path csv)
    {
        return run(env, null, transactions, accounts, rate, csv, null);
    }

    private static Result run(final StreamEnvironment env, final io.sabot.runtime.source.Source source,
        final long transactions, final long accounts, final double rate, final Path csv, final Path restore)
    {
        final DataStream alerts = source == null ? alerts(env, transactions, accounts, rate) : alerts(env, source);
        final Map<String, Long> byType = new TreeMap<>();
        final long[][] latencies = {new long[1 << 16]};
        final int[] samples = {0};
        alerts.writeTo(Sinks.callback((Batch batch) ->
        {
            final long now = System.nanoTime();
            final VarCharVector type = (VarCharVector)batch.column("type");
            final BigIntVector ingest = (BigIntVector)batch.column("ingest_nanos");
            for (int r = 0; r < batch.rowCount(); r++)
            {
                byType.merge(type.getObject(r).toString(), 1L, Long::sum);
                if (samples[0] == latencies[0].length)
                {
                    latencies[0] = Arrays.copyOf(latencies[0], samples[0] * 2);
                }
                latencies[0][samples[0]++] = (now - ingest.get(r)) / 1000;
            }
        }));
        if (csv != null)
        {
            // with checkpoints: exactly-once part files in the directory csv
            alerts.writeTo(env.checkpointing() ? Sinks.csvExactlyOnce(csv, FraudDetector.ALERTS) : Sinks.csv(csv));
        }
        final long started = System.nanoTime();
        final io.sabot.runtime.api.RunningJob running = env.executeAsync("fraud-detection", restore);
        final io.sabot.runtime.exec.JobResult job = running.await();
        if (running.restarts() > 0)
        {
            System.out.printf(Locale.ROOT, "fraud: restarted %d times, recovery %s ms%n", running.restarts(),
                running.recoveryNanos().stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toList());
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final long[] sorted = Arrays.copyOf(latencies[0], samples[0]);
        Arrays.sort(sorted);
        return new Result(source == null ? transactions : job.rowsRead(), seconds, byType, sorted);
    }
}
