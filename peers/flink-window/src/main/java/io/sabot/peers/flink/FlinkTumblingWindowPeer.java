package io.sabot.peers.flink;

import java.time.Duration;
import java.util.Locale;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Peer benchmark: Apache Flink 1.20 keyed tumbling event-time window with a {@code reduce}, on a local
 * MiniCluster, to compare against the same workload on Sabot.
 *
 * <h2>Workload (reproduce bit for bit)</h2>
 * <ul>
 *   <li>Events {@code i = 0 .. N-1} ({@code long}, N = {@code --events}, default 50,000,000), generated inside
 *       the job by {@code env.fromSequence(0, N-1).map(...)}; {@code m = mix(i)} with splitmix64:
 *       <pre>
 * static long mix(long x) {
 *   x += 0x9E3779B97F4A7C15L;
 *   x = (x ^ (x &gt;&gt;&gt; 30)) * 0xBF58476D1CE4E5B9L;
 *   x = (x ^ (x &gt;&gt;&gt; 27)) * 0x94D049BB133111EBL;
 *   return x ^ (x &gt;&gt;&gt; 31);
 * }</pre></li>
 *   <li>{@code key = (int) Long.remainderUnsigned(m, 1000)} (1,000 keys);
 *       {@code amount = Long.remainderUnsigned(m >>> 11, 100_000)} (long, cents);
 *       {@code ts = i / 50 - ((m >>> 40) & 0x3F)} ms (50 events per ms of event time, up to 63 ms out of
 *       order; the first ~3,150 events have negative timestamps and land in window [-1000, 0)).</li>
 *   <li>Event type {@code Tuple3<Integer key, Long amount, Long ts>}.
 *       {@code WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(64))} with ts as event time
 *       (periodic watermarks, default 200 ms interval), {@code keyBy(key)},
 *       {@code TumblingEventTimeWindows.of(Duration.ofSeconds(1))} (window start = floorDiv(ts, 1000) * 1000),
 *       {@code reduce} summing amount (the result keeps the key, the window sum, and the ts of the first
 *       element of the window). Bound 64 &gt; max disorder 63, so no event is late: every event is counted.</li>
 *   <li>Streaming mode, parallelism 1, HashMapStateBackend (heap), no checkpoints, object reuse enabled.</li>
 *   <li>Sink (parallelism 1) counts the results ({@code results}: one per (key, window) with events),
 *       adds up {@code checksum = sum of window sums} (= sum of all amounts), and an order-independent
 *       {@code fingerprint = sum (wrapping) of mix(mix(key * 1_000_003L + windowStart) ^ windowSum)}
 *       where {@code windowStart = Math.floorDiv(ts, 1000) * 1000} in ms.</li>
 * </ul>
 *
 * <h2>Measurement</h2>
 * One warm-up job ({@code --warmup}, default 5,000,000 events) then {@code --runs} (default 3) measured jobs in
 * the same JVM. Each measured figure is the wall time of {@code env.execute()} (this includes starting and
 * stopping the per-job local MiniCluster, roughly 0.3 - 1 s); Flink's own job net runtime is printed too.
 * {@code --verify} recomputes results/checksum/fingerprint in plain Java and checks them.
 */
public final class FlinkTumblingWindowPeer {

    static final int KEYS = 1000;
    static final long WINDOW_MS = 1000;

    static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    static long resultHash(int key, long windowStart, long windowSum) {
        return mix(mix(key * 1_000_003L + windowStart) ^ windowSum);
    }

    /** Event generator: i -> (key, amount, ts). Reuses its output tuple (safe: the next hop serializes it). */
    static final class Generate implements MapFunction<Long, Tuple3<Integer, Long, Long>> {
        private transient Tuple3<Integer, Long, Long> out;

        @Override
        public Tuple3<Integer, Long, Long> map(Long boxed) {
            long i = boxed;
            long m = mix(i);
            if (out == null) {
                out = new Tuple3<>();
            }
            out.f0 = (int) Long.remainderUnsigned(m, KEYS);
            out.f1 = Long.remainderUnsigned(m >>> 11, 100_000);
            out.f2 = i / 50 - ((m >>> 40) & 0x3F);
            return out;
        }
    }

    static final class ByKey implements KeySelector<Tuple3<Integer, Long, Long>, Integer> {
        @Override
        public Integer getKey(Tuple3<Integer, Long, Long> e) {
            return e.f0;
        }
    }

    /** Sums amount into the accumulator (value1 is the heap-state value, owned by the window operator). */
    static final class SumAmount implements ReduceFunction<Tuple3<Integer, Long, Long>> {
        @Override
        public Tuple3<Integer, Long, Long> reduce(Tuple3<Integer, Long, Long> a, Tuple3<Integer, Long, Long> b) {
            a.f1 = a.f1 + b.f1;
            return a;
        }
    }

    static final class CountingSink extends RichSinkFunction<Tuple3<Integer, Long, Long>> {
        private final LongCounter results = new LongCounter();
        private final LongCounter checksum = new LongCounter();
        private final LongCounter fingerprint = new LongCounter();

        @Override
        public void open(OpenContext ctx) {
            getRuntimeContext().addAccumulator("results", results);
            getRuntimeContext().addAccumulator("checksum", checksum);
            getRuntimeContext().addAccumulator("fingerprint", fingerprint);
        }

        @Override
        public void invoke(Tuple3<Integer, Long, Long> r, Context context) {
            results.add(1L);
            checksum.add(r.f1);
            fingerprint.add(resultHash(r.f0, Math.floorDiv(r.f2, WINDOW_MS) * WINDOW_MS, r.f1));
        }
    }

    record Result(long events, double seconds, long netMillis, long results, long checksum, long fingerprint) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    static Result runJob(long n) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1);
        env.getConfig().enableObjectReuse();
        // no env.enableCheckpointing(...): checkpoints stay off

        env.fromSequence(0, n - 1)
                .map(new Generate())
                .name("generate")
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Tuple3<Integer, Long, Long>>forBoundedOutOfOrderness(Duration.ofMillis(64))
                                .withTimestampAssigner((e, previous) -> e.f2))
                .keyBy(new ByKey())
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .reduce(new SumAmount())
                .name("tumbling-1s-sum")
                .addSink(new CountingSink())
                .name("counting-sink");

        long t0 = System.nanoTime();
        JobExecutionResult jr = env.execute("flink-tumbling-window-peer-" + n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Long results = jr.getAccumulatorResult("results");
        Long checksum = jr.getAccumulatorResult("checksum");
        Long fingerprint = jr.getAccumulatorResult("fingerprint");
        return new Result(n, seconds, jr.getNetRuntime(), results, checksum, fingerprint);
    }

    /** Plain-Java reference for results / checksum / fingerprint (dense array over (window, key)). */
    static long[] reference(long n) {
        long minWin = Math.floorDiv(-63L, WINDOW_MS);
        long maxWin = Math.floorDiv((n - 1) / 50, WINDOW_MS);
        int windows = (int) (maxWin - minWin + 1);
        long[] sums = new long[windows * KEYS];
        int[] counts = new int[windows * KEYS];
        long checksum = 0;
        for (long i = 0; i < n; i++) {
            long m = mix(i);
            int key = (int) Long.remainderUnsigned(m, KEYS);
            long amount = Long.remainderUnsigned(m >>> 11, 100_000);
            long ts = i / 50 - ((m >>> 40) & 0x3F);
            int slot = (int) (Math.floorDiv(ts, WINDOW_MS) - minWin) * KEYS + key;
            sums[slot] += amount;
            counts[slot]++;
            checksum += amount;
        }
        long results = 0, fingerprint = 0;
        for (int w = 0; w < windows; w++) {
            for (int k = 0; k < KEYS; k++) {
                int slot = w * KEYS + k;
                if (counts[slot] > 0) {
                    results++;
                    fingerprint += resultHash(k, (w + minWin) * WINDOW_MS, sums[slot]);
                }
            }
        }
        return new long[] {results, checksum, fingerprint};
    }

    static void print(String label, Result r) {
        System.out.printf(Locale.ROOT,
                "%-8s events=%d seconds=%.3f events/s=%.0f (net runtime %d ms -> %.0f events/s) results=%d checksum=%d fingerprint=%d%n",
                label, r.events, r.seconds, r.eventsPerSecond(), r.netMillis,
                r.netMillis > 0 ? r.events * 1000.0 / r.netMillis : Double.NaN,
                r.results, r.checksum, r.fingerprint);
    }

    public static void main(String[] args) throws Exception {
        long events = 50_000_000L;
        long warmup = 5_000_000L;
        int runs = 3;
        boolean verify = false;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--events" -> events = Long.parseLong(args[++a].replace("_", ""));
                case "--warmup" -> warmup = Long.parseLong(args[++a].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++a]);
                case "--verify" -> verify = true;
                default -> throw new IllegalArgumentException(
                        "usage: [--events N] [--warmup N] [--runs R] [--verify]; unknown: " + args[a]);
            }
        }
        System.out.printf(Locale.ROOT, "Flink %s on Java %s (%s), %d CPUs, max heap %d MB, GC %s%n",
                EnvironmentInformation.getVersion(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        System.out.printf(Locale.ROOT,
                "workload: %d events, 1000 keys, 1 s tumbling event-time windows, reduce(sum), parallelism 1, "
                        + "heap state, no checkpoints, object reuse%n", events);

        if (warmup > 0) {
            print("warmup", runJob(warmup));
        }
        Result best = null;
        for (int r = 1; r <= runs; r++) {
            Result res = runJob(events);
            print("run " + r, res);
            if (best == null || res.seconds < best.seconds) {
                best = res;
            }
        }
        if (best != null) {
            print("best", best);
        }
        if (verify && best != null) {
            long[] ref = reference(events);
            boolean ok = ref[0] == best.results && ref[1] == best.checksum && ref[2] == best.fingerprint;
            System.out.printf(Locale.ROOT, "verify: reference results=%d checksum=%d fingerprint=%d -> %s%n",
                    ref[0], ref[1], ref[2], ok ? "OK" : "MISMATCH");
            if (!ok) {
                System.exit(1);
            }
        }
    }
}
