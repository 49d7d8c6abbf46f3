/*
 * harness.c - the C anchor of the veralloc benchmarks.
 *
 * Runs the workloads of docs/design.md section 7 (random_mixed, xfree, larson) with
 * the same xorshift64 generator, the same operation sequence and the same
 * checksum as the Go package bench, against whatever malloc the binary is
 * linked with. bench/run.sh builds one binary per peer:
 *
 *   gcc -O2 -DPEER=glibc    harness.c -o harness-glibc    -lpthread
 *   gcc -O2 -DPEER=mimalloc harness.c -o harness-mimalloc -lmimalloc -lpthread
 *   gcc -O2 -DPEER=jemalloc harness.c -o harness-jemalloc -ljemalloc -lpthread
 *   gcc -O2 -DPEER=tcmalloc harness.c -o harness-tcmalloc -ltcmalloc_minimal -lpthread
 *
 * Every peer is called through plain malloc/free, the way C programs call
 * it. At start the harness asks the dynamic linker which shared object
 * defines the malloc in use (dlsym + dladdr) and refuses to run when that is
 * not the peer named by PEER, so a table row can never be glibc in disguise.
 * It prints that object and the peer's own version string.
 *
 * Output: one line with the keys of the Go side (bench.Result.Line):
 *   workload=... alloc=... <params> ops=N seconds=S Mops/s=M checksum=0x...
 *   rss_before_kb=.. rss_peak_kb=.. rss_after_kb=.. rss_returned=yes|no
 *   malloc_from=<shared object> version=<peer version>
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define STR2(x) #x
#define STR(x) STR2(x)
#ifndef PEER
#define PEER glibc
#endif
#define PEER_glibc 1
#define PEER_mimalloc 2
#define PEER_jemalloc 3
#define PEER_tcmalloc 4
#define PEER_cfloor 5
#define PEER_ID2(p) PEER_##p
#define PEER_ID(p) PEER_ID2(p)

#if PEER_ID(PEER) == PEER_glibc
#include <gnu/libc-version.h>
#define MALLOC_LIB "libc.so"
static const char *peer_version(void) { return gnu_get_libc_version(); }
#elif PEER_ID(PEER) == PEER_mimalloc
#include <mimalloc.h>
#define MALLOC_LIB "libmimalloc"
static const char *peer_version(void) {
	static char v[32];
	int n = mi_version(); /* e.g. 209 for 2.0.9 */
	snprintf(v, sizeof v, "%d.%d.%d", n / 100, n / 10 % 10, n % 10);
	return v;
}
#elif PEER_ID(PEER) == PEER_jemalloc
#include <jemalloc/jemalloc.h>
#define MALLOC_LIB "libjemalloc"
static const char *peer_version(void) {
	const char *v = "unknown";
	size_t sz = sizeof v;
	if (mallctl("version", &v, &sz, NULL, 0) != 0)
		return "unknown";
	return v;
}
#elif PEER_ID(PEER) == PEER_tcmalloc
#include <gperftools/tcmalloc.h>
#define MALLOC_LIB "libtcmalloc"
static const char *peer_version(void) { return tc_version(NULL, NULL, NULL); }
#elif PEER_ID(PEER) == PEER_cfloor
/* cfloor: the cheapest correct allocator, a per-thread LIFO stack of
 * 1024-byte blocks (new blocks from glibc). random_mixed on it measures what
 * the harness loop itself costs; bench/floor.go is the Go twin. random_mixed
 * only: with remote frees the blocks would pile up on the freeing side. */
#include <gnu/libc-version.h>
#define MALLOC_LIB "libc.so"
#define FLOOR_BLOCK 1024
static __thread void **floor_stack;
static __thread size_t floor_top, floor_cap;
static const char *peer_version(void) { return "floor (harness cost only)"; }
static inline void *floor_malloc(size_t n) {
	if (n > FLOOR_BLOCK)
		return NULL;
	if (floor_top)
		return floor_stack[--floor_top];
	return malloc(FLOOR_BLOCK);
}
static inline void floor_free(void *p) {
	if (!p)
		return;
	if (floor_top == floor_cap) {
		floor_cap = floor_cap ? 2 * floor_cap : 1024;
		floor_stack = realloc(floor_stack, floor_cap * sizeof *floor_stack);
		if (!floor_stack) {
			fprintf(stderr, "harness: floor: out of memory\n");
			exit(1);
		}
	}
	floor_stack[floor_top++] = p;
}
#define BLOCK_MALLOC floor_malloc
#define BLOCK_FREE floor_free
#else
#error "PEER must be glibc, mimalloc, jemalloc, tcmalloc or cfloor"
#endif

/* the workloads allocate and free their blocks through these */
#ifndef BLOCK_MALLOC
#define BLOCK_MALLOC malloc
#define BLOCK_FREE free
#endif

/* ---- generator and checksum: identical to bench/prng.go ---- */

#ifndef SEED_MUL /* overridable only so that a test can build a harness that must disagree with Go */
#define SEED_MUL UINT64_C(0x9E3779B97F4A7C15)
#endif
#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)
#define MIN_SIZE 16
#define SIZE_RANGE 1009

typedef struct { uint64_t x; } rng_t;

static rng_t rng_seed(uint64_t seed) {
	rng_t r = {seed * SEED_MUL + 1};
	if (r.x == 0)
		r.x = SEED_MUL;
	return r;
}

static inline uint64_t rng_next(rng_t *r) {
	uint64_t x = r->x;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	r->x = x;
	return x;
}

static inline void mix(uint64_t *cs, uint64_t v) { *cs = (*cs ^ v) * FNV_PRIME; }
static inline uint64_t alloc_event(uint64_t slot, uint64_t size) { return UINT64_C(1) << 63 | slot << 32 | size; }
static inline uint64_t free_event(uint64_t slot, unsigned char first) { return slot << 32 | first; }
static inline unsigned char first_byte(uint64_t r) { return (unsigned char)(r >> 24); }

/* ---- helpers ---- */

static void die(const char *msg) {
	fprintf(stderr, "harness: %s\n", msg);
	exit(1);
}

static double now_seconds(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* cpu_seconds is the user+system CPU time of the process (all threads). */
static double cpu_seconds(void) {
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return -1;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* proc_kb returns the value in kB of a /proc/self/status field, or -1. */
static long proc_kb(const char *field) {
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	char line[256];
	size_t n = strlen(field);
	long v = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			v = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

static void reset_peak_rss(void) {
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

/* one random_mixed operation on a slot array: the same as bench.slotOp. */
static inline void slot_op(void **slot, uint64_t nslots, uint64_t r, uint64_t *cs) {
	uint64_t k = r % nslots;
	unsigned char *b = slot[k];
	if (b) {
		mix(cs, free_event(k, b[0]));
		slot[k] = NULL;
		BLOCK_FREE(b);
		return;
	}
	uint64_t n = MIN_SIZE + (r >> 16) % SIZE_RANGE;
	b = BLOCK_MALLOC(n);
	if (!b) {
		fprintf(stderr, "harness: malloc(%" PRIu64 ") for slot %" PRIu64 " failed\n", n, k);
		exit(1);
	}
	b[0] = first_byte(r);
	slot[k] = b;
	mix(cs, alloc_event(k, n));
}

static void free_slots(void **slot, uint64_t nslots) {
	for (uint64_t k = 0; k < nslots; k++) {
		BLOCK_FREE(slot[k]);
		slot[k] = NULL;
	}
}

/* ---- random_mixed ---- */

static uint64_t random_mixed(uint64_t iters, uint64_t nslots, uint64_t seed, double *secs, double *cpu) {
	void **slot = calloc(nslots, sizeof *slot);
	if (!slot)
		die("out of memory for slots");
	rng_t rng = rng_seed(seed);
	uint64_t cs = FNV_OFFSET;
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t i = 0; i < iters; i++)
		slot_op(slot, nslots, rng_next(&rng), &cs);
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	free_slots(slot, nslots);
	free(slot);
	return cs;
}

/* ---- xfree: bounded SPSC ring, same size and spin policy as bench/xfree.go ----
 * A blocked end polls SPINS_BEFORE_YIELD times, then calls sched_yield per
 * poll. The Go side does the same, except that every 64th wait it calls
 * runtime.Gosched instead, which a Go program needs so that a goroutine
 * queued on the spinning goroutine's P can run; C threads need no such step. */

#define RING_SIZE 1024
#define SPINS_BEFORE_YIELD 100

typedef struct {
	_Alignas(64) _Atomic uint64_t tail; /* producer-owned */
	_Alignas(64) _Atomic uint64_t head; /* consumer-owned */
	_Alignas(64) void *buf[RING_SIZE];
	uint64_t ops, seed, prod_cs, cons_cs;
} ring_t;

static void ring_push(ring_t *q, void *b, uint64_t *head_cache) {
	uint64_t t = atomic_load_explicit(&q->tail, memory_order_relaxed);
	for (int spins = 0; t - *head_cache >= RING_SIZE; spins++) {
		*head_cache = atomic_load_explicit(&q->head, memory_order_acquire);
		if (spins >= SPINS_BEFORE_YIELD)
			sched_yield();
	}
	q->buf[t % RING_SIZE] = b;
	atomic_store_explicit(&q->tail, t + 1, memory_order_release);
}

static void *ring_pop(ring_t *q, uint64_t *tail_cache) {
	uint64_t h = atomic_load_explicit(&q->head, memory_order_relaxed);
	for (int spins = 0; h >= *tail_cache; spins++) {
		*tail_cache = atomic_load_explicit(&q->tail, memory_order_acquire);
		if (spins >= SPINS_BEFORE_YIELD)
			sched_yield();
	}
	void *b = q->buf[h % RING_SIZE];
	atomic_store_explicit(&q->head, h + 1, memory_order_release);
	return b;
}

static void *xfree_producer(void *arg) {
	ring_t *q = arg;
	rng_t rng = rng_seed(q->seed);
	uint64_t cs = FNV_OFFSET, head_cache = 0;
	for (uint64_t i = 0; i < q->ops; i++) {
		uint64_t r = rng_next(&rng);
		uint64_t n = MIN_SIZE + r % SIZE_RANGE;
		unsigned char *b = malloc(n);
		if (!b)
			die("xfree: malloc failed");
		b[0] = first_byte(r);
		mix(&cs, n);
		ring_push(q, b, &head_cache);
	}
	q->prod_cs = cs;
	return NULL;
}

static void *xfree_consumer(void *arg) {
	ring_t *q = arg;
	uint64_t cs = FNV_OFFSET, tail_cache = 0;
	for (uint64_t i = 0; i < q->ops; i++) {
		unsigned char *b = ring_pop(q, &tail_cache);
		mix(&cs, b[0]);
		free(b);
	}
	q->cons_cs = cs;
	return NULL;
}

static uint64_t xfree_run(uint64_t pairs, uint64_t ops, uint64_t seed, double *secs, double *cpu) {
	ring_t *rings = aligned_alloc(64, pairs * sizeof(ring_t));
	pthread_t *th = calloc(2 * pairs, sizeof *th);
	if (!rings || !th)
		die("out of memory for rings");
	memset(rings, 0, pairs * sizeof(ring_t));
	for (uint64_t p = 0; p < pairs; p++) {
		rings[p].ops = ops;
		rings[p].seed = seed + p;
	}
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t p = 0; p < pairs; p++) {
		if (pthread_create(&th[2 * p], NULL, xfree_producer, &rings[p]) ||
		    pthread_create(&th[2 * p + 1], NULL, xfree_consumer, &rings[p]))
			die("pthread_create failed");
	}
	for (uint64_t i = 0; i < 2 * pairs; i++)
		pthread_join(th[i], NULL);
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	uint64_t total = FNV_OFFSET;
	for (uint64_t p = 0; p < pairs; p++) {
		mix(&total, rings[p].prod_cs);
		mix(&total, rings[p].cons_cs);
	}
	free(th);
	free(rings);
	return total;
}

/* ---- larson: as bench/larson.go ---- */

typedef struct {
	void **slot;
	uint64_t nslots, iters, seed, cs;
} larson_worker_t;

static uint64_t larson_seed(uint64_t seed, uint64_t round, uint64_t t) { return seed + (round << 20) + t; }

static void *larson_worker(void *arg) {
	larson_worker_t *w = arg;
	rng_t rng = rng_seed(w->seed);
	uint64_t cs = FNV_OFFSET;
	for (uint64_t i = 0; i < w->iters; i++)
		slot_op(w->slot, w->nslots, rng_next(&rng), &cs);
	w->cs = cs;
	return NULL;
}

static uint64_t larson_run(uint64_t threads, uint64_t rounds, uint64_t iters, uint64_t nslots, uint64_t seed,
			   double *secs, double *cpu) {
	void ***arrays = calloc(threads, sizeof *arrays);
	uint64_t *sums = calloc(threads * rounds, sizeof *sums);
	pthread_t *th = calloc(threads, sizeof *th);
	larson_worker_t *w = calloc(threads, sizeof *w);
	if (!arrays || !sums || !th || !w)
		die("out of memory for larson");
	for (uint64_t t = 0; t < threads; t++)
		if (!(arrays[t] = calloc(nslots, sizeof(void *))))
			die("out of memory for larson slots");
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t round = 0; round < rounds; round++) {
		for (uint64_t t = 0; t < threads; t++) {
			w[t] = (larson_worker_t){arrays[t], nslots, iters, larson_seed(seed, round, t), 0};
			if (pthread_create(&th[t], NULL, larson_worker, &w[t]))
				die("pthread_create failed");
		}
		for (uint64_t t = 0; t < threads; t++) {
			pthread_join(th[t], NULL);
			sums[round * threads + t] = w[t].cs;
		}
	}
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	uint64_t total = FNV_OFFSET;
	for (uint64_t i = 0; i < threads * rounds; i++)
		mix(&total, sums[i]);
	for (uint64_t t = 0; t < threads; t++) {
		free_slots(arrays[t], nslots);
		free(arrays[t]);
	}
	free(arrays);
	free(sums);
	free(th);
	free(w);
	return total;
}

/* ---- command line ---- */

static void usage(FILE *f) {
	fprintf(f,
		"usage: harness [flags]   (this binary: alloc=%s)\n"
		"Runs one workload of docs/design.md section 7 against this binary's malloc and prints one\n"
		"line in the format of 'veralloc bench'.\n"
		"  -workload random_mixed|xfree|larson  (default random_mixed)\n"
		"  -iters N    ops per thread: random_mixed iterations, xfree blocks per producer,\n"
		"              larson ops per worker and round (default 1000000)\n"
		"  -slots N    random_mixed, larson: slots per array (default 256)\n"
		"  -seed N     generator seed; xfree producer p uses seed+p (default 42)\n"
		"  -pairs N    xfree: producer/consumer pairs (default 1)\n"
		"  -threads N  larson: concurrent workers per round (default 2)\n"
		"  -rounds N   larson: rounds, each with fresh threads (default 20)\n"
		"  -which      print only which shared object provides malloc, and the peer version\n",
		STR(PEER));
}

static uint64_t parse_u64(const char *flag, const char *s) {
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || *s == '-') {
		fprintf(stderr, "harness: %s: not a non-negative integer: %s\n", flag, s);
		exit(2);
	}
	return v;
}

/* malloc_from names the shared object whose malloc the dynamic linker uses. */
static const char *malloc_from(void) {
	Dl_info info;
	void *sym = dlsym(RTLD_DEFAULT, "malloc");
	if (!sym || !dladdr(sym, &info) || !info.dli_fname)
		return "unknown";
	return info.dli_fname;
}

int main(int argc, char **argv) {
	const char *workload = "random_mixed";
	uint64_t iters = 1000000, nslots = 256, seed = 42, pairs = 1, threads = 2, rounds = 20;
	/* The flags that take a number, and where each one goes. */
	const struct {
		const char *name;
		uint64_t *dst;
	} numeric[] = {{"-iters", &iters}, {"-slots", &nslots}, {"-seed", &seed},
	               {"-pairs", &pairs}, {"-threads", &threads}, {"-rounds", &rounds}};
	enum { NUMERIC = sizeof numeric / sizeof numeric[0] };
	int which = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1] == '-')
			a++;
		if (!strcmp(a, "-h") || !strcmp(a, "-help")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(a, "-which")) {
			which = 1;
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "harness: flag %s needs a value\n", argv[i]);
			usage(stderr);
			return 2;
		}
		const char *v = argv[++i];
		if (!strcmp(a, "-workload")) {
			workload = v;
			continue;
		}
		size_t k = 0;
		while (k < NUMERIC && strcmp(a, numeric[k].name))
			k++;
		if (k == NUMERIC) {
			fprintf(stderr, "harness: unknown flag %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
		*numeric[k].dst = parse_u64(a, v);
	}
	const char *from = malloc_from();
	if (!strstr(from, MALLOC_LIB)) {
		fprintf(stderr, "harness: built for %s but malloc comes from %s; refusing to report it as %s\n",
			STR(PEER), from, STR(PEER));
		return 1;
	}
	if (which) {
		printf("alloc=%s malloc_from=%s version=%s\n", STR(PEER), from, peer_version());
		return 0;
	}

	char params[160];
	uint64_t ops;
	long before = proc_kb("VmRSS");
	reset_peak_rss();
	double secs = 0, cpu = -1;
	uint64_t cs;
	if (PEER_ID(PEER) == PEER_cfloor && strcmp(workload, "random_mixed") != 0) {
		fprintf(stderr, "harness: cfloor (the harness floor) runs random_mixed only, not %s\n", workload);
		return 2;
	}
	if (!strcmp(workload, "random_mixed")) {
		if (nslots == 0)
			die("random_mixed: slots must be positive");
		snprintf(params, sizeof params, "iters=%" PRIu64 " slots=%" PRIu64 " seed=%" PRIu64, iters, nslots, seed);
		ops = iters;
		cs = random_mixed(iters, nslots, seed, &secs, &cpu);
	} else if (!strcmp(workload, "xfree")) {
		if (pairs == 0)
			die("xfree: pairs must be positive");
		snprintf(params, sizeof params, "iters=%" PRIu64 " pairs=%" PRIu64 " seed=%" PRIu64, iters, pairs, seed);
		ops = pairs * iters;
		cs = xfree_run(pairs, iters, seed, &secs, &cpu);
	} else if (!strcmp(workload, "larson")) {
		if (nslots == 0 || threads == 0 || rounds == 0)
			die("larson: slots, threads and rounds must be positive");
		snprintf(params, sizeof params,
			 "iters=%" PRIu64 " slots=%" PRIu64 " threads=%" PRIu64 " rounds=%" PRIu64 " seed=%" PRIu64, iters,
			 nslots, threads, rounds, seed);
		ops = threads * rounds * iters;
		cs = larson_run(threads, rounds, iters, nslots, seed, &secs, &cpu);
	} else {
		fprintf(stderr, "harness: unknown workload %s (have random_mixed, xfree, larson)\n", workload);
		return 2;
	}
	long peak = proc_kb("VmHWM");
	long after = proc_kb("VmRSS");
	int returned = before > 0 && after >= 0 && after * 10 <= before * 11;
	printf("workload=%s alloc=%s %s ops=%" PRIu64 " seconds=%.4f Mops/s=%.2f cpu_seconds=%.4f Mops/cpu-s=%.2f"
	       " checksum=0x%016" PRIx64
	       " rss_before_kb=%ld rss_peak_kb=%ld rss_after_kb=%ld rss_returned=%s malloc_from=%s version=%s\n",
	       workload, STR(PEER), params, ops, secs, secs > 0 ? (double)ops / secs / 1e6 : 0.0, cpu,
	       cpu > 0 ? (double)ops / cpu / 1e6 : 0.0, cs, before, peak,
	       after, returned ? "yes" : "no", from, peer_version());
	return 0;
}
