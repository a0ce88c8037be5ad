/*
 * Sabot's physical reference: the headline kernels in plain C, compiled at benchmark time with
 * `gcc -O3 -march=native -ffp-contract=off` and called through FFM on the same off-heap Arrow buffers the Java
 * kernels read. -ffp-contract=off keeps a*b+c unfused so results match Java bit for bit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <immintrin.h>

int64_t ref_sum_i64(const int64_t *a, int64_t n)
{
    int64_t s = 0;
    for (int64_t i = 0; i < n; i++) s += a[i];
    return s;
}

/* Reassociated with 4 AVX accumulators, like the Java kernel: gcc will not reorder float adds on its own. */
double ref_sum_f64(const double *a, int64_t n)
{
    int64_t i = 0;
#ifdef __AVX2__
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    for (; i + 16 <= n; i += 16)
    {
        s0 = _mm256_add_pd(s0, _mm256_loadu_pd(a + i));
        s1 = _mm256_add_pd(s1, _mm256_loadu_pd(a + i + 4));
        s2 = _mm256_add_pd(s2, _mm256_loadu_pd(a + i + 8));
        s3 = _mm256_add_pd(s3, _mm256_loadu_pd(a + i + 12));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3)));
    double s = lanes[0] + lanes[1] + lanes[2] + lanes[3];
#else
    double s = 0;
#endif
    for (; i < n; i++) s += a[i];
    return s;
}

int64_t ref_count_gt_i64(const int64_t *a, int64_t n, int64_t c)
{
    int64_t count = 0;
    for (int64_t i = 0; i < n; i++) count += a[i] > c;
    return count;
}

void ref_mul_add_f64(const double *a, const double *b, const double *c, double *out, int64_t n)
{
    for (int64_t i = 0; i < n; i++) out[i] = a[i] * b[i] + c[i];
}

/* AVX2 compaction of int64 by an Arrow (LSB-first) bitmap: 4-bit mask -> permutation of 32-bit lane pairs. */
int64_t ref_compact_i64(const int64_t *in, const uint8_t *bitmap, int64_t n, int64_t *out)
{
    int64_t j = 0, i = 0;
#ifdef __AVX2__
    static int initialized = 0;
    static __m256i perm[16];
    if (!initialized)
    {
        for (int m = 0; m < 16; m++)
        {
            int32_t idx[8] = {0};
            int k = 0;
            for (int b = 0; b < 4; b++)
                if (m & (1 << b)) { idx[2 * k] = 2 * b; idx[2 * k + 1] = 2 * b + 1; k++; }
            perm[m] = _mm256_loadu_si256((const __m256i *)idx);
        }
        initialized = 1;
    }
    for (; i + 4 <= n; i += 4)
    {
        const int m = (bitmap[i >> 3] >> (i & 7)) & 0xF;
        const __m256i v = _mm256_loadu_si256((const __m256i *)(in + i));
        _mm256_storeu_si256((__m256i *)(out + j), _mm256_permutevar8x32_epi32(v, perm[m]));
        j += __builtin_popcount(m);
    }
#endif
    for (; i < n; i++)
    {
        out[j] = in[i];
        j += (bitmap[i >> 3] >> (i & 7)) & 1;
    }
    return j;
}

static inline uint64_t fmix64(uint64_t h)
{
    h ^= h >> 33; h *= 0xFF51AFD7ED558CCDULL; h ^= h >> 33; h *= 0xC4CEB9FE1A85EC53ULL; h ^= h >> 33;
    return h;
}

/* Open-addressing group-by: keys in one array, sums in another, linear probing. Returns the group count. */
int64_t ref_hashagg_sum_i64(const int64_t *keys, const int64_t *vals, int64_t n, int64_t capacityPow2,
                            int64_t *checksum)
{
    const uint64_t mask = (uint64_t)capacityPow2 - 1;
    int64_t *tkeys = malloc(sizeof(int64_t) * capacityPow2);
    int64_t *tsums = calloc(capacityPow2, sizeof(int64_t));
    uint8_t *used = calloc(capacityPow2, 1);
    int64_t groups = 0;
    for (int64_t i = 0; i < n; i++)
    {
        const int64_t k = keys[i];
        uint64_t slot = fmix64((uint64_t)k) & mask;
        while (used[slot] && tkeys[slot] != k) slot = (slot + 1) & mask;
        if (!used[slot]) { used[slot] = 1; tkeys[slot] = k; groups++; }
        tsums[slot] += vals[i];
    }
    int64_t total = 0;
    for (int64_t s = 0; s < capacityPow2; s++) total += tsums[s];
    *checksum = total;
    free(tkeys); free(tsums); free(used);
    return groups;
}

/* Hash join: an open-addressing table of the build keys with a per-key match count; the probe counts matches. */
typedef struct { int64_t *keys; int32_t *count; uint64_t mask; } ref_join_table;

void *ref_join_build_i64(const int64_t *build, int64_t nb)
{
    int64_t cap = 1;
    while (cap < nb * 2) cap <<= 1;
    ref_join_table *t = malloc(sizeof(ref_join_table));
    t->keys = malloc(sizeof(int64_t) * cap);
    t->count = calloc(cap, sizeof(int32_t));
    t->mask = (uint64_t)cap - 1;
    for (int64_t i = 0; i < nb; i++)
    {
        uint64_t slot = fmix64((uint64_t)build[i]) & t->mask;
        while (t->count[slot] && t->keys[slot] != build[i]) slot = (slot + 1) & t->mask;
        t->keys[slot] = build[i];
        t->count[slot]++;
    }
    return t;
}

int64_t ref_join_probe_count_i64(void *table, const int64_t *probe, int64_t np)
{
    const ref_join_table *t = table;
    int64_t matches = 0;
    for (int64_t i = 0; i < np; i++)
    {
        uint64_t slot = fmix64((uint64_t)probe[i]) & t->mask;
        while (t->count[slot])
        {
            if (t->keys[slot] == probe[i]) { matches += t->count[slot]; break; }
            slot = (slot + 1) & t->mask;
        }
    }
    return matches;
}

void ref_join_free(void *table)
{
    ref_join_table *t = table;
    free(t->keys); free(t->count); free(t);
}
