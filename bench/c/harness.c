/*
 * harness.c - the C anchor of the veralloc benchmarks.
 *
 * Runs the workloads of docs/design.md section 7 (random_mixed, xfree, larson) and
 * the ports of mimalloc-bench's small-object stress tests (xmalloc, mstress,
 * cache_scratch, sh6bench, alloc_test, glibc_simple; see bench/suite.go) with
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

/* calloc_or_die is calloc(n, size) for the harness's own records; it dies
 * with "out of memory for what" when calloc fails. */
static void *calloc_or_die(size_t n, size_t size, const char *what) {
	void *p = calloc(n, size);
	if (!p) {
		fprintf(stderr, "harness: out of memory for %s\n", what);
		exit(1);
	}
	return p;
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
	void **slot = calloc_or_die(nslots, sizeof *slot, "slots");
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

/* ---- the mimalloc-bench ports: as bench/suite.go and the files it names ---- */

static void *alloc_n(size_t n) {
	void *p = BLOCK_MALLOC(n);
	if (!p) {
		fprintf(stderr, "harness: malloc(%zu) failed\n", n);
		exit(1);
	}
	return p;
}

/* chance is mstress's chance(perc): next output % 100 <= perc. */
static inline int chance(uint64_t perc, rng_t *r) { return rng_next(r) % 100 <= perc; }

/* byte_sum adds up the bytes of b, 8 at a time (bench.byteSum). */
static inline uint64_t byte_sum(const unsigned char *b, size_t n) {
	uint64_t s = 0, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, b + i, 8);
		s += w;
	}
	for (; i < n; i++)
		s += b[i];
	return s;
}

/* spin_swap: the transfer entry of mstress, a spin lock around a pointer
 * (bench.msSlot: the Go side needs the lock for a three-word slice). */
typedef struct {
	_Atomic uint32_t lock;
	void *p;
} ms_slot_t;

static void *spin_swap(ms_slot_t *s, void *p) {
	for (int spins = 0;; spins++) {
		uint32_t z = 0;
		if (atomic_compare_exchange_weak_explicit(&s->lock, &z, 1, memory_order_acquire, memory_order_relaxed))
			break;
		if (spins >= SPINS_BEFORE_YIELD)
			sched_yield();
	}
	void *old = s->p;
	s->p = p;
	atomic_store_explicit(&s->lock, 0, memory_order_release);
	return old;
}

/* run_threads runs fn on each of the n argument records at args (size bytes
 * apart), one thread each, and times the run (bench.onThreads). */
static void run_threads(uint64_t n, void *(*fn)(void *), void *args, size_t size, double *secs, double *cpu) {
	pthread_t *th = calloc_or_die(n, sizeof *th, "threads");
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t t = 0; t < n; t++)
		if (pthread_create(&th[t], NULL, fn, (char *)args + t * size))
			die("pthread_create failed");
	for (uint64_t t = 0; t < n; t++)
		pthread_join(th[t], NULL);
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	free(th);
}

/* thread_out_t is what one thread of an independent-threads workload
 * (sh6bench, alloc_test) reports; it is the first field of its argument
 * record. */
typedef struct {
	uint64_t ops, cs;
} thread_out_t;

/* run_independent runs fn on each of the n argument records at args through
 * run_threads and folds their thread_out_t in thread order: each checksum
 * mixed into the total, the op counts added into *ops
 * (bench.independentThreads). */
static uint64_t run_independent(uint64_t n, void *(*fn)(void *), void *args, size_t size, uint64_t *ops, double *secs,
				double *cpu) {
	run_threads(n, fn, args, size, secs, cpu);
	uint64_t total = FNV_OFFSET;
	*ops = 0;
	for (uint64_t t = 0; t < n; t++) {
		const thread_out_t *out = (const thread_out_t *)((char *)args + t * size);
		mix(&total, out->cs);
		*ops += out->ops;
	}
	return total;
}

/* -- xmalloc -- */

#define XM_BATCH 4096
#define XM_QUEUE_LIMIT 100
static const size_t xm_sizes[] = {8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048};
#define XM_NSIZES (sizeof xm_sizes / sizeof xm_sizes[0])

typedef struct xm_batch {
	struct xm_batch *next;
	unsigned char *blocks[XM_BATCH];
} xm_batch_t;

static struct {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	xm_batch_t *full, *spare;
	uint64_t nfull, left;
} xmq = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, 0};

typedef struct {
	uint64_t batches, size, seed, cs;
} xm_arg_t;

static void *xm_producer(void *arg) {
	xm_arg_t *x = arg;
	rng_t rng = rng_seed(x->seed);
	uint64_t cs = FNV_OFFSET;
	for (uint64_t bi = 0; bi < x->batches; bi++) {
		pthread_mutex_lock(&xmq.mu);
		xm_batch_t *bt = xmq.spare;
		if (bt)
			xmq.spare = bt->next;
		pthread_mutex_unlock(&xmq.mu);
		if (!bt && !(bt = calloc(1, sizeof *bt))) /* the batches themselves are not the peer's */
			die("xmalloc: out of memory for a batch");
		for (int i = 0; i < XM_BATCH; i++) {
			size_t n = x->size ? x->size : xm_sizes[rng_next(&rng) % XM_NSIZES];
			unsigned char *b = alloc_n(n);
			memset(b, i % 256, n < 128 ? n : 128);
			bt->blocks[i] = b;
			mix(&cs, n);
		}
		pthread_mutex_lock(&xmq.mu);
		while (xmq.nfull >= XM_QUEUE_LIMIT)
			pthread_cond_wait(&xmq.not_full, &xmq.mu);
		bt->next = xmq.full;
		xmq.full = bt;
		xmq.nfull++;
		pthread_cond_signal(&xmq.not_empty);
		pthread_mutex_unlock(&xmq.mu);
	}
	x->cs = cs;
	return NULL;
}

static void *xm_releaser(void *arg) {
	xm_arg_t *x = arg;
	uint64_t sum = 0;
	for (;;) {
		pthread_mutex_lock(&xmq.mu);
		while (!xmq.full && xmq.left > 0)
			pthread_cond_wait(&xmq.not_empty, &xmq.mu);
		if (xmq.left == 0) {
			pthread_mutex_unlock(&xmq.mu);
			break;
		}
		xm_batch_t *bt = xmq.full;
		xmq.full = bt->next;
		xmq.nfull--;
		if (--xmq.left == 0)
			pthread_cond_broadcast(&xmq.not_empty);
		pthread_cond_signal(&xmq.not_full);
		pthread_mutex_unlock(&xmq.mu);
		for (int i = 0; i < XM_BATCH; i++) {
			sum += bt->blocks[i][0];
			BLOCK_FREE(bt->blocks[i]);
		}
		pthread_mutex_lock(&xmq.mu);
		bt->next = xmq.spare;
		xmq.spare = bt;
		pthread_mutex_unlock(&xmq.mu);
	}
	x->cs = sum;
	return NULL;
}

static uint64_t xmalloc_run(uint64_t threads, uint64_t batches, uint64_t size, uint64_t seed, double *secs, double *cpu) {
	xm_arg_t *args = calloc(2 * threads, sizeof *args);
	pthread_t *th = calloc(2 * threads, sizeof *th);
	if (!args || !th)
		die("out of memory for xmalloc");
	xmq.left = threads * batches;
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t p = 0; p < threads; p++) {
		args[2 * p] = (xm_arg_t){batches, size, seed + p, 0};
		if (pthread_create(&th[2 * p], NULL, xm_producer, &args[2 * p]) ||
		    pthread_create(&th[2 * p + 1], NULL, xm_releaser, &args[2 * p + 1]))
			die("pthread_create failed");
	}
	for (uint64_t i = 0; i < 2 * threads; i++)
		pthread_join(th[i], NULL);
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	uint64_t total = FNV_OFFSET, sum = 0;
	for (uint64_t p = 0; p < threads; p++) {
		mix(&total, args[2 * p].cs);
		sum += args[2 * p + 1].cs;
	}
	mix(&total, sum);
	while (xmq.spare) {
		xm_batch_t *bt = xmq.spare;
		xmq.spare = bt->next;
		free(bt);
	}
	free(args);
	free(th);
	return total;
}

/* -- mstress -- */

#define MS_TRANSFERS 1000
#define MS_COOKIE UINT64_C(0xbf58476d1ce4e5b9)

static ms_slot_t ms_transfer[MS_TRANSFERS];

typedef struct {
	uint64_t t, scale, seed, cs, freed, allocd, blocks;
	int failed;
} ms_worker_t;

static uint64_t *ms_alloc(ms_worker_t *w, uint64_t nw) {
	uint64_t *p = alloc_n(nw * 8);
	for (uint64_t i = 0; i < nw; i++)
		p[i] = (nw - i) ^ MS_COOKIE;
	mix(&w->cs, nw);
	w->allocd += nw;
	w->blocks++;
	return p;
}

static void ms_free(uint64_t *p, uint64_t *freed) {
	if (!p)
		return;
	uint64_t n = p[0] ^ MS_COOKIE;
	for (uint64_t i = 0; i < n; i++)
		if ((p[i] ^ MS_COOKIE) != n - i) {
			fprintf(stderr, "harness: mstress: memory corruption in a block of %" PRIu64 " words at word %" PRIu64 "\n", n, i);
			exit(1);
		}
	*freed += n;
	BLOCK_FREE(p);
}

static void *ms_stress(void *arg) {
	ms_worker_t *w = arg;
	rng_t rng = rng_seed(w->seed);
	w->cs = FNV_OFFSET;
	uint64_t allocs = 100 * w->scale * (w->t % 8 + 1), retain = allocs / 2;
	void **data = NULL, **retained = BLOCK_MALLOC((retain ? retain : 1) * sizeof(void *));
	size_t data_size = 0, data_top = 0, retain_top = 0;
	if (!retained)
		die("mstress: out of memory");
	while (allocs > 0 || retain > 0) {
		if (retain == 0 || (chance(50, &rng) && allocs > 0)) {
			allocs--;
			if (data_top >= data_size) {
				data_size += 100000;
				if (!(data = realloc(data, data_size * sizeof(void *))))
					die("mstress: out of memory");
			}
			data[data_top++] = ms_alloc(w, UINT64_C(1) << (rng_next(&rng) % 5));
		} else {
			retained[retain_top++] = ms_alloc(w, UINT64_C(1) << (rng_next(&rng) % 7));
			retain--;
		}
		if (chance(66, &rng) && data_top > 0) {
			uint64_t k = rng_next(&rng) % data_top;
			ms_free(data[k], &w->freed);
			data[k] = NULL;
		}
		if (chance(25, &rng) && data_top > 0) {
			uint64_t k = rng_next(&rng) % data_top;
			uint64_t j = rng_next(&rng) % MS_TRANSFERS;
			data[k] = spin_swap(&ms_transfer[j], data[k]);
		}
	}
	for (size_t i = 0; i < retain_top; i++)
		ms_free(retained[i], &w->freed);
	for (size_t i = 0; i < data_top; i++)
		ms_free(data[i], &w->freed);
	BLOCK_FREE(retained);
	free(data);
	return NULL;
}

static uint64_t mstress_run(uint64_t threads, uint64_t scale, uint64_t rounds, uint64_t seed, uint64_t *ops, double *secs,
			    double *cpu) {
	ms_worker_t *w = calloc(threads, sizeof *w);
	pthread_t *th = calloc(threads, sizeof *th);
	if (!w || !th)
		die("out of memory for mstress");
	uint64_t total = FNV_OFFSET, freed = 0, allocd = 0, blocks = 0;
	rng_t main_rng = rng_seed(seed + (UINT64_C(1) << 40));
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (uint64_t round = 0; round < rounds; round++) {
		for (uint64_t t = 0; t < threads; t++) {
			w[t] = (ms_worker_t){.t = t, .scale = scale, .seed = larson_seed(seed, round, t)};
			if (pthread_create(&th[t], NULL, ms_stress, &w[t]))
				die("pthread_create failed");
		}
		for (uint64_t t = 0; t < threads; t++) {
			pthread_join(th[t], NULL);
			mix(&total, w[t].cs);
			freed += w[t].freed;
			allocd += w[t].allocd;
			blocks += w[t].blocks;
		}
		for (int i = 0; i < MS_TRANSFERS; i++)
			if (chance(50, &main_rng) || round + 1 == rounds)
				ms_free(spin_swap(&ms_transfer[i], NULL), &freed);
	}
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	if (freed != allocd) {
		fprintf(stderr, "harness: mstress: blocks allocated hold %" PRIu64 " words, blocks freed %" PRIu64 "\n", allocd, freed);
		exit(1);
	}
	mix(&total, freed);
	*ops = 2 * blocks;
	free(w);
	free(th);
	return total;
}

/* -- cache_scratch -- */

typedef struct {
	unsigned char *first;
	uint64_t iters, size, passes, sum;
} cs_arg_t;

/* scratch writes byte k into b[k] and reads it back, passes times (bench.scratch). */
static __attribute__((noinline)) uint64_t scratch(volatile unsigned char *b, uint64_t n, uint64_t passes) {
	uint64_t sum = 0;
	for (uint64_t p = 0; p < passes; p++)
		for (uint64_t k = 0; k < n; k++) {
			b[k] = (unsigned char)k;
			sum += (uint64_t)b[k] + 1;
		}
	return sum;
}

static void *cs_worker(void *arg) {
	cs_arg_t *c = arg;
	BLOCK_FREE(c->first);
	uint64_t sum = 0;
	for (uint64_t i = 0; i < c->iters; i++) {
		unsigned char *b = alloc_n(c->size);
		sum += scratch(b, c->size, c->passes);
		BLOCK_FREE(b);
	}
	c->sum = sum;
	return NULL;
}

static uint64_t cache_scratch_run(uint64_t threads, uint64_t iters, uint64_t size, uint64_t reps, uint64_t *ops, double *secs,
				  double *cpu) {
	cs_arg_t *c = calloc_or_die(threads, sizeof *c, "cache_scratch");
	for (uint64_t t = 0; t < threads; t++)
		c[t] = (cs_arg_t){alloc_n(size), iters, size, reps / threads, 0};
	run_threads(threads, cs_worker, c, sizeof *c, secs, cpu);
	uint64_t total = FNV_OFFSET;
	for (uint64_t t = 0; t < threads; t++)
		mix(&total, c[t].sum);
	*ops = threads * iters * (reps / threads) * size;
	free(c);
	return total;
}

/* -- sh6bench -- */

#define SH6_MAX_SIZE 1000

typedef struct {
	thread_out_t out; /* ops: blocks allocated */
	uint64_t slots, repeats;
} sh6_arg_t;

/* sh6_free frees slot k, folding its first and last bytes into *cs (bench.sh6Thread's free). */
static inline void sh6_free(unsigned char **mem, const uint16_t *sizes, uint64_t k, uint64_t *cs) {
	unsigned char *b = mem[k];
	mem[k] = NULL;
	mix(cs, (uint64_t)b[0] | (uint64_t)b[sizes[k] - 1] << 8);
	BLOCK_FREE(b);
}

static void *sh6_thread(void *arg) {
	sh6_arg_t *a = arg;
	uint64_t slots = a->slots, cs = FNV_OFFSET, allocs = 0;
	unsigned char **mem = calloc(slots, sizeof *mem);
	uint16_t *sizes = calloc(slots, sizeof *sizes);
	if (!mem || !sizes)
		die("sh6bench: out of memory");
	uint64_t mp = 0, save_start = slots, save_end = slots;
	for (uint64_t rep = 0; rep < a->repeats; rep++)
		for (uint64_t base = 1; base < SH6_MAX_SIZE; base = base * 3 / 2 + 1)
			for (uint64_t size = base; size > 0; size /= 2) {
				int iters = 1;
				if (size < 10000)
					iters = 10;
				if (size < 1000)
					iters *= 5;
				if (size < 100)
					iters *= 5;
				for (; iters > 0; iters--) {
					unsigned char *b = alloc_n(size);
					b[0] = b[size - 1] = (unsigned char)size;
					sizes[mp] = (uint16_t)size;
					mem[mp++] = b;
					allocs++;
					if (mp == save_start)
						mp = save_end;
					if (mp < slots)
						continue;
					mp = 0;
					save_start = save_end;
					if (save_start >= slots)
						save_start = mp;
					save_end = save_start + slots / 5;
					if (save_end > slots)
						save_end = slots;
					for (; mp < save_start; mp++)
						sh6_free(mem, sizes, mp, &cs);
					for (mp = slots; mp > save_end;) {
						mp--;
						sh6_free(mem, sizes, mp, &cs);
					}
					mp = save_start == 0 ? save_end : 0;
				}
			}
	for (uint64_t k = 0; k < slots; k++)
		if (mem[k])
			sh6_free(mem, sizes, k, &cs);
	free(mem);
	free(sizes);
	a->out = (thread_out_t){allocs, cs};
	return NULL;
}
static uint64_t sh6bench_run(uint64_t threads, uint64_t slots, uint64_t repeats, uint64_t *ops, double *secs, double *cpu) {
	sh6_arg_t *a = calloc_or_die(threads, sizeof *a, "sh6bench");
	for (uint64_t t = 0; t < threads; t++)
		a[t] = (sh6_arg_t){{0, 0}, slots, repeats};
	uint64_t total = run_independent(threads, sh6_thread, a, sizeof *a, ops, secs, cpu);
	free(a);
	return total;
}

/* -- alloc_test -- */

#define AT_MAX_SIZE_EXP 10
static const double at_pareto_p[7] = {0.262144, 0.393216, 0.245760, 0.081920, 0.015360, 0.001536, 0.000064};

typedef struct {
	uint32_t ranges[6], offsets[8];
} at_pareto_t;

static at_pareto_t at_pareto_init(uint32_t n) {
	at_pareto_t p;
	memset(&p, 0, sizeof p);
	p.ranges[0] = (uint32_t)(UINT32_MAX * at_pareto_p[0]);
	p.ranges[5] = (uint32_t)(UINT32_MAX * (1. - at_pareto_p[6]));
	for (int i = 1; i < 5; i++)
		p.ranges[i] = p.ranges[i - 1] + (uint32_t)(UINT32_MAX * at_pareto_p[i]);
	p.offsets[7] = n;
	for (int i = 0; i < 6; i++)
		p.offsets[i + 1] = p.offsets[i] + (uint32_t)(n * at_pareto_p[6 - i]);
	return p;
}

static inline uint32_t at_pick(const at_pareto_t *p, uint32_t r1, uint32_t r2) {
	int idx = 6;
	for (int i = 0; i < 6; i++)
		if (r1 < p->ranges[i]) {
			idx = i;
			break;
		}
	return p->offsets[idx] + r2 % (p->offsets[idx + 1] - p->offsets[idx]);
}

static inline size_t at_size(uint64_t r) {
	const int e = AT_MAX_SIZE_EXP - 3;
	uint32_t base = (uint32_t)(r & ((UINT64_C(1) << e) - 1)) + 1;
	r >>= e;
	int idx = __builtin_ctz(base) + 2;
	return (size_t)(r & ((UINT64_C(1) << idx) - 1)) + 1 + ((size_t)1 << idx);
}

typedef struct {
	thread_out_t out;
	uint64_t bins, steps, seed;
} at_arg_t;

typedef struct {
	unsigned char *p;
	size_t n;
} at_bin_t;

static void *at_thread(void *arg) {
	at_arg_t *a = arg;
	rng_t rng = rng_seed(a->seed);
	at_bin_t *bin = calloc(a->bins, sizeof *bin);
	if (!bin)
		die("alloc_test: out of memory");
	at_pareto_t par = at_pareto_init((uint32_t)a->bins);
	uint64_t ops = 0, sum = 0;
#define AT_ALLOC(k)                                                                                                    \
	do {                                                                                                           \
		size_t n_ = at_size(rng_next(&rng));                                                                   \
		bin[k].p = alloc_n(n_);                                                                                \
		bin[k].n = n_;                                                                                         \
		memset(bin[k].p, (unsigned char)n_, n_);                                                               \
	} while (0)
	for (uint64_t i = 0; i < a->bins / 32; i++) {
		uint32_t r = (uint32_t)(rng_next(&rng) >> 32);
		for (int j = 0; j < 32; j++)
			if ((r >> j) & 1) {
				AT_ALLOC(i * 32 + j);
				ops++;
			}
	}
	for (int k = 0; k < 32; k++)
		for (uint64_t j = 0; j < a->steps >> 5; j++) {
			uint32_t r1 = (uint32_t)(rng_next(&rng) >> 32);
			uint32_t r2 = (uint32_t)(rng_next(&rng) >> 32);
			uint32_t idx = at_pick(&par, r1, r2);
			if (bin[idx].p) {
				sum += byte_sum(bin[idx].p, bin[idx].n);
				BLOCK_FREE(bin[idx].p);
				bin[idx].p = NULL;
			} else
				AT_ALLOC(idx);
			ops++;
		}
#undef AT_ALLOC
	for (uint64_t k = 0; k < a->bins; k++)
		if (bin[k].p) {
			sum += byte_sum(bin[k].p, bin[k].n);
			BLOCK_FREE(bin[k].p);
		}
	free(bin);
	a->out = (thread_out_t){ops, FNV_OFFSET};
	mix(&a->out.cs, sum);
	return NULL;
}

static uint64_t alloc_test_run(uint64_t threads, uint64_t slots, uint64_t steps, uint64_t seed, uint64_t *ops, double *secs,
			       double *cpu) {
	at_arg_t *a = calloc_or_die(threads, sizeof *a, "alloc_test");
	for (uint64_t t = 0; t < threads; t++)
		a[t] = (at_arg_t){{0, 0}, slots / threads, steps, seed + t};
	uint64_t total = run_independent(threads, at_thread, a, sizeof *a, ops, secs, cpu);
	free(a);
	return total;
}

/* -- glibc_simple -- */

static const int gs_counts[4] = {25, 100, 400, 1600};
static unsigned char gs_pattern[1 << 16];

typedef struct {
	unsigned char **arr;
	uint64_t iters, size, ops, sum;
} gs_arg_t;

static void gs_round(gs_arg_t *g, int n) {
	unsigned char **arr = g->arr;
	size_t size = g->size;
	for (uint64_t j = 0; j < g->iters / n; j++) {
		for (int i = 0; i < n; i++) {
			arr[i] = alloc_n(size);
			memcpy(arr[i], gs_pattern, size);
			arr[i][0] = (unsigned char)i;
		}
		for (int i = 0; i < n / 2; i++) {
			g->sum += (uint64_t)arr[i][0] + arr[i][size - 1];
			BLOCK_FREE(arr[i]);
		}
		for (int i = n - 1; i >= n / 2; i--) {
			g->sum += (uint64_t)arr[i][0] + arr[i][size - 1];
			BLOCK_FREE(arr[i]);
		}
	}
	g->ops += g->iters / n * n;
}

static void *gs_phase(void *arg) {
	for (int i = 0; i < 4; i++)
		gs_round(arg, gs_counts[i]);
	return NULL;
}

static uint64_t glibc_simple_run(uint64_t iters, uint64_t size, uint64_t *ops, double *secs, double *cpu) {
	for (size_t i = 0; i < sizeof gs_pattern; i++)
		gs_pattern[i] = (unsigned char)i;
	unsigned char **arr = calloc_or_die(1600, sizeof *arr, "glibc_simple");
	gs_arg_t g = {arr, iters, size, 0, 0};
	double c0 = cpu_seconds(), t0 = now_seconds();
	for (int s = 0; s < 3; s++) {
		g.size = size << s;
		for (int p = 0; p < 4; p++) { /* warm-up, main, thread, main again */
			if (p == 2) {
				pthread_t t;
				if (pthread_create(&t, NULL, gs_phase, &g))
					die("pthread_create failed");
				pthread_join(t, NULL);
			} else
				gs_phase(&g);
		}
	}
	*secs = now_seconds() - t0;
	*cpu = cpu_seconds() - c0;
	uint64_t total = FNV_OFFSET;
	mix(&total, g.sum);
	*ops = g.ops;
	free(arr);
	return total;
}

/* ---- command line ---- */

static void usage(FILE *f) {
	fprintf(f,
		"usage: harness [flags]   (this binary: alloc=%s)\n"
		"Runs one workload of docs/design.md section 7 against this binary's malloc and prints one\n"
		"line in the format of 'veralloc bench'.\n"
		"  -workload random_mixed|xfree|larson|xmalloc|mstress|cache_scratch|sh6bench|alloc_test|glibc_simple\n"
		"              (default random_mixed)\n"
		"  -iters N    random_mixed iterations, xfree blocks per producer, larson ops per worker and\n"
		"              round, xmalloc batches per producer, mstress scale, cache_scratch blocks per\n"
		"              thread, sh6bench passes, alloc_test steps per thread, glibc_simple NUM_ITERS\n"
		"              (default 1000000)\n"
		"  -slots N    random_mixed, larson: slots per array; sh6bench: ring slots per thread;\n"
		"              alloc_test: bins in all (default 256)\n"
		"  -seed N     generator seed; xfree producer p uses seed+p (default 42)\n"
		"  -pairs N    xfree: producer/consumer pairs (default 1)\n"
		"  -threads N  larson: concurrent workers per round; xmalloc: producers (and as many\n"
		"              releasers); mstress, cache_scratch, sh6bench, alloc_test: threads (default 2)\n"
		"  -rounds N   larson, mstress: rounds, each with fresh threads (default 20)\n"
		"  -size N     xmalloc (0: mixed sizes), cache_scratch: block size; glibc_simple: first of\n"
		"              its three sizes (default 64)\n"
		"  -reps N     cache_scratch: write passes over each block, shared by the threads (default 200000)\n"
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

/* num_flag_t is a flag that takes a number and where its value goes. */
typedef struct {
	const char *name; /* with its dash: "-iters" */
	uint64_t *dst;
} num_flag_t;

/* The parameters each workload's result line reports, in this order
 * (bench.Config.params). */
static const struct {
	const char *workload, *params;
} reported[] = {
	{"random_mixed", "iters slots seed"},
	{"xfree", "iters pairs seed"},
	{"larson", "iters slots threads rounds seed"},
	{"xmalloc", "iters threads size seed"},
	{"mstress", "iters threads rounds seed"},
	{"cache_scratch", "iters threads size reps"},
	{"sh6bench", "iters slots threads"},
	{"alloc_test", "iters slots threads seed"},
	{"glibc_simple", "iters size"},
};

/* format_params writes " "-separated name=value pairs into buf for the
 * space-separated flag names of list (without their dash), each value read
 * through flags. */
static void format_params(char *buf, size_t n, const char *list, const num_flag_t *flags, size_t nflags) {
	size_t used = 0;
	buf[0] = '\0';
	while (*list) {
		size_t len = strcspn(list, " ");
		for (size_t k = 0; k < nflags; k++)
			if (strlen(flags[k].name + 1) == len && !strncmp(flags[k].name + 1, list, len) && used < n)
				used += snprintf(buf + used, n - used, "%s%.*s=%" PRIu64, used ? " " : "", (int)len, list,
						 *flags[k].dst);
		list += len;
		list += strspn(list, " ");
	}
}

int main(int argc, char **argv) {
	const char *workload = "random_mixed";
	uint64_t iters = 1000000, nslots = 256, seed = 42, pairs = 1, threads = 2, rounds = 20, size = 64, reps = 200000;
	/* The flags that take a number, and where each one goes. */
	const num_flag_t numeric[] = {{"-iters", &iters}, {"-slots", &nslots}, {"-seed", &seed},
	               {"-pairs", &pairs}, {"-threads", &threads}, {"-rounds", &rounds},
	               {"-size", &size},   {"-reps", &reps}};
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
		ops = iters;
		cs = random_mixed(iters, nslots, seed, &secs, &cpu);
	} else if (!strcmp(workload, "xfree")) {
		if (pairs == 0)
			die("xfree: pairs must be positive");
		ops = pairs * iters;
		cs = xfree_run(pairs, iters, seed, &secs, &cpu);
	} else if (!strcmp(workload, "larson")) {
		if (nslots == 0 || threads == 0 || rounds == 0)
			die("larson: slots, threads and rounds must be positive");
		ops = threads * rounds * iters;
		cs = larson_run(threads, rounds, iters, nslots, seed, &secs, &cpu);
	} else if (!strcmp(workload, "xmalloc")) {
		if (threads == 0)
			die("xmalloc: threads must be positive");
		ops = threads * iters * XM_BATCH;
		cs = xmalloc_run(threads, iters, size, seed, &secs, &cpu);
	} else if (!strcmp(workload, "mstress")) {
		if (threads == 0 || rounds == 0)
			die("mstress: threads and rounds must be positive");
		cs = mstress_run(threads, iters, rounds, seed, &ops, &secs, &cpu);
	} else if (!strcmp(workload, "cache_scratch")) {
		if (threads == 0 || size == 0)
			die("cache_scratch: threads and size must be positive");
		cs = cache_scratch_run(threads, iters, size, reps, &ops, &secs, &cpu);
	} else if (!strcmp(workload, "sh6bench")) {
		if (threads == 0 || nslots < 5)
			die("sh6bench: threads must be positive and slots at least 5");
		cs = sh6bench_run(threads, nslots, iters, &ops, &secs, &cpu);
	} else if (!strcmp(workload, "alloc_test")) {
		if (threads == 0 || nslots < 16384 * threads) /* bench.atMinBins */
			die("alloc_test: threads must be positive and slots at least 16384 per thread");
		cs = alloc_test_run(threads, nslots, iters, seed, &ops, &secs, &cpu);
	} else if (!strcmp(workload, "glibc_simple")) {
		if (size == 0 || 4 * size > sizeof gs_pattern)
			die("glibc_simple: size must be 1..16384");
		cs = glibc_simple_run(iters, size, &ops, &secs, &cpu);
	} else {
		fprintf(stderr, "harness: unknown workload %s (have random_mixed, xfree, larson, xmalloc, mstress, cache_scratch, "
				"sh6bench, alloc_test, glibc_simple)\n",
			workload);
		return 2;
	}
	for (size_t k = 0; k < sizeof reported / sizeof reported[0]; k++)
		if (!strcmp(workload, reported[k].workload))
			format_params(params, sizeof params, reported[k].params, numeric, NUMERIC);
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
