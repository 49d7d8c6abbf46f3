package impl

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// leakAfterAdoption leaves block b1 (allocated by h1) and b2 (allocated by
// h2, after h2 adopted h1's orphaned slab) live in one slab and returns
// Close's report with the two blocks' addresses and heap ids.
func leakAfterAdoption(t *testing.T, checks bool) (msg string, b1, b2 uintptr, id1, id2 uint32) {
	a := small(t, func(o *Options) { o.Checks = checks })
	h1, h2 := a.NewHeap(), a.NewHeap()
	x1 := mustAlloc(t, h1, 16)
	h1.Close()
	x2 := mustAlloc(t, h2, 16)
	if ref(t, a, x1).Slab != ref(t, a, x2).Slab {
		t.Fatal("h2 did not adopt h1's slab; the test needs one slab with two owners")
	}
	id1, id2 = h1.ID(), h2.ID()
	h2.Close()
	err := a.Close()
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Close with live blocks: %v", err)
	}
	return err.Error(), addrOf(x1), addrOf(x2), id1, id2
}

// TestLeakReportNamesAllocatingHeap: in checked mode the report names the
// heap whose Alloc handed each block out, even in a slab that changed owner;
// without checks it names the slab's owners as candidates.
func TestLeakReportNamesAllocatingHeap(t *testing.T) {
	msg, b1, b2, id1, id2 := leakAfterAdoption(t, true)
	for _, c := range []struct {
		p  uintptr
		id uint32
	}{{b1, id1}, {b2, id2}} {
		want := fmt.Sprintf("at %#x, slab", c.p)
		i := strings.Index(msg, want)
		if i < 0 {
			t.Fatalf("report does not name block %#x:\n%s", c.p, msg)
		}
		rest := msg[i:]
		if j := strings.Index(rest, ";"); j >= 0 {
			rest = rest[:j]
		}
		if !strings.HasSuffix(rest, fmt.Sprintf("allocated by heap %d", c.id)) {
			t.Errorf("block %#x: want allocated by heap %d, got %q", c.p, c.id, rest)
		}
	}
	msg, _, _, id1, id2 = leakAfterAdoption(t, false)
	if want := fmt.Sprintf("allocated by heap %d or %d (the slab changed owners; Options.Checks records the exact heap)", id1, id2); strings.Count(msg, want) != 2 {
		t.Errorf("without checks, want both blocks reported as %q:\n%s", want, msg)
	}
}
