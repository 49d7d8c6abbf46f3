package impl

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func rssKiB(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			f := strings.Fields(l)
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestRSSComesBack: after a burst of 160 MiB of small blocks (40 MiB under
// -race) is freed, the
// fully free superslabs are given back to the kernel: Stats shows them
// decommitted and the process's resident set drops.
func TestRSSComesBack(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	n := 320000
	if raceEnabled {
		n = 80000 // ~40 MiB: still far above the noise, 4x less race-detector work
	}
	bs := make([][]byte, 0, n) // Go heap growth (and race shadow) before "before"
	for i := range n {
		bs = append(bs, nil)
		bs[i] = nil
	}
	bs = bs[:0]
	before := rssKiB(t)
	for i := 0; i < n; i++ {
		b := mustAlloc(t, h, 16+i%1009)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		b[len(b)-1] = 1
		bs = append(bs, b)
	}
	peak := rssKiB(t)
	st := a.Stats()
	mapped := st.BytesMapped
	for _, b := range bs {
		mustFree(t, h, b)
	}
	bs = nil
	h.Close()
	after := rssKiB(t)
	st = a.Stats()
	committed := st.BytesMapped - st.BytesDecommitted
	t.Logf("RSS before %d KiB, peak %d KiB, after %d KiB; mapped %d KiB, still committed %d KiB",
		before, peak, after, mapped>>10, committed>>10)
	if err := allZero(a); err != nil {
		t.Fatal(err)
	}
	// At most RetainEmpty (1) superslab stays committed, plus the header
	// slot of each superslab (of which only the records touched are
	// resident: a few KiB).
	if committed > int64(a.ssSpan)+int64(st.Superslabs*a.firstSlot)*int64(a.slabSize) {
		t.Fatalf("%d bytes still committed after freeing everything", committed)
	}
	if peak-before < 20<<10 || after > before+(peak-before)/4 {
		t.Fatalf("RSS did not come back: before %d, peak %d, after %d KiB", before, peak, after)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
