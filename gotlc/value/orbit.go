package value

import (
	"math/bits"
	"sync"
	"unsafe"
)

// Orbit fingerprints states up to a group of permutations of model values
// (SYMMETRY): OrbitHash gives every state of one orbit the same
// fingerprint, and states of different orbits different ones (up to hash
// collisions, as for any fingerprint).
//
// The fingerprint is the least, over the group's elements g (the identity
// included), of a hash of the image g(s). Because the group maps the set of
// images of s onto itself, that least hash is the same for every state of
// s's orbit. The images are never built: the hash of a set is a sum over
// its elements and the hash of a function a sum over its (argument, value)
// pairs, so neither depends on the order of elements, and permuting a
// model value only changes the hashes it is combined into. A state is
// compiled once into a small postfix program whose only inputs are its
// moved model values (subvalues without one are folded to their Hash), and
// the program is run once per group element with that element's table of
// model value hashes: no allocation, no sorting, no comparison.
//
// A state's image hash under g is a fold of its variables' image hashes
// under g, and a successor shares most of its variables' values with its
// parent (and with its siblings), so the image hashes of a set's or a
// function's value under every group element are kept, per worker, in a
// small cache keyed by the value's identity: for most successors only the
// variables the action changed are compiled and run.
//
// The breadth-first search only needs the fingerprint to identify orbits
// (which state of an orbit is explored is decided by the search order, not
// by the fingerprint), so it counts states exactly as TLC's least-image
// representative does; see gotlc/check/symmetry.go.
type Orbit struct {
	ids  map[*Model]int32 // the model values some element moves
	n    int              // len(ids)
	ng   int              // group elements, identity included
	tab  []uint64         // tab[g*n+i]: the Hash of element g's image of model value i
	pool sync.Pool        // *orbitScratch
}

// NewOrbit prepares fingerprints up to the group whose non-identity
// elements are perms (which must be closed under composition).
func NewOrbit(perms []Perm) *Orbit {
	o := &Orbit{ids: map[*Model]int32{}}
	var ms []*Model
	add := func(m *Model) {
		if _, ok := o.ids[m]; !ok {
			o.ids[m] = int32(len(ms))
			ms = append(ms, m)
		}
	}
	for _, p := range perms {
		for a, b := range p {
			add(a)
			add(b)
		}
	}
	o.n, o.ng = len(ms), len(perms)+1
	o.tab = make([]uint64, o.ng*o.n)
	for i, m := range ms {
		o.tab[i] = Hash(m)
	}
	for g, p := range perms {
		for i, m := range ms {
			img := m
			if q, ok := p[m]; ok {
				img = q
			}
			o.tab[(g+1)*o.n+i] = Hash(img)
		}
	}
	o.pool.New = func() any { return &orbitScratch{} }
	return o
}

type orbitOp struct {
	k    uint8
	n    int32  // opModel: the model value's index; opSet, opFcn: the operands on the stack
	size int32  // opSet, opFcn: the cardinality
	h    uint64 // opConst: the hash; opPairC: the argument's hash; opSet, opFcn: the folded part of the sum
}

const (
	opConst uint8 = iota
	opModel       // push the image's hash of a moved model value
	opPairC       // pop v; push pair(h, v) (an argument without moved model values)
	opPair        // pop v, pop d; push pair(d, v)
	opSet         // pop n element hashes; push the set's hash
	opFcn         // pop n pair hashes; push the function's hash
)

type orbitScratch struct {
	ops   []orbitOp
	stack []uint64
	// The image-hash cache, direct-mapped by the address of a set's or a
	// function's header: keys[i] is the value whose image hashes under
	// the ng group elements are vecs[i*ng:(i+1)*ng] (nil: empty slot);
	// dyns[i] says whether it holds a moved model value. The key is held,
	// so its address cannot be reused by another value while it is
	// cached.
	keys []Value
	vecs []uint64
	dyns []bool
	// cur[j*ng+g] is the image hash under g of the current state's j-th
	// variable.
	cur []uint64
}

// orbitCacheWords bounds the number of image hashes one worker's cache
// holds (512 KiB).
const orbitCacheWords = 1 << 16

// OrbitHash is the fingerprint of the state vars up to the group, or false
// when the state holds a value the method does not handle (a lazily
// represented set other than an interval); the caller then falls back to
// comparing images.
func (o *Orbit) OrbitHash(vars []Value) (uint64, bool) {
	sc := o.pool.Get().(*orbitScratch)
	defer o.pool.Put(sc)
	ng := o.ng
	if sc.keys == nil {
		slots := max(64, orbitCacheWords/ng)
		slots = 1 << (bits.Len(uint(slots)) - 1) // a power of two
		sc.keys = make([]Value, slots)
		sc.vecs = make([]uint64, slots*ng)
		sc.dyns = make([]bool, slots)
	}
	if cap(sc.cur) < len(vars)*ng {
		sc.cur = make([]uint64, len(vars)*ng)
	}
	cur := sc.cur[:len(vars)*ng]
	dyn := false
	for j, v := range vars {
		d, ok := o.images(sc, v, cur[j*ng:(j+1)*ng])
		if !ok {
			return 0, false
		}
		dyn = dyn || d
	}
	if !dyn {
		ng = 1 // every image is the state itself
	}
	var best uint64
	for g := 0; g < ng; g++ {
		h := uint64(0x57a7e0b17)
		for j := range vars {
			h = combine(h, cur[j*o.ng+g])
		}
		if g == 0 || h < best {
			best = h
		}
	}
	// The least of many hashes is small: mix it so that the fingerprint
	// is spread as evenly as any other (the fingerprint set indexes by it).
	return mix(best ^ 0x0b17), true
}

// images writes to vec (one word per group element, in the order of tab)
// the hashes of v's images and reports whether v holds a moved model value
// (when not, every word is v's hash) and whether the method handles v.
func (o *Orbit) images(sc *orbitScratch, v Value, vec []uint64) (dyn, ok bool) {
	var addr uintptr
	switch t := v.(type) {
	case nil, Bool, Int, *Str, *Interval:
	case *Model:
		if i, moved := o.ids[t]; moved {
			for g := range vec {
				vec[g] = o.tab[g*o.n+int(i)]
			}
			return true, true
		}
	case *Set:
		addr = uintptr(unsafe.Pointer(t))
	case *Fcn:
		addr = uintptr(unsafe.Pointer(t))
	default:
		return false, false
	}
	if addr == 0 {
		h := hash0(v)
		for g := range vec {
			vec[g] = h
		}
		return false, true
	}
	slot := int(uint64(addr>>4)*0x9E3779B97F4A7C15>>40) & (len(sc.keys) - 1)
	cached := sc.vecs[slot*o.ng : (slot+1)*o.ng]
	if sc.keys[slot] == v {
		copy(vec, cached)
		return sc.dyns[slot], true
	}
	sc.ops = sc.ops[:0]
	d, ok := o.compile(sc, v)
	if !ok {
		return false, false
	}
	if d {
		for g := range vec {
			vec[g] = o.run(sc, g*o.n)
		}
	} else {
		h := Hash(v)
		for g := range vec {
			vec[g] = h
		}
	}
	sc.keys[slot], sc.dyns[slot] = v, d
	copy(cached, vec)
	return d, true
}

// hash0 is Hash, nil (an unassigned variable) included.
func hash0(v Value) uint64 {
	if v == nil {
		return 0x6e11
	}
	return Hash(v)
}

// compile appends to sc.ops the program computing v's image hash and
// reports whether v holds a moved model value (when not, the caller drops
// what was appended and uses Hash(v)).
func (o *Orbit) compile(sc *orbitScratch, v Value) (dyn, ok bool) {
	switch t := v.(type) {
	case nil, Bool, Int, *Str, *Interval:
		return false, true
	case *Model:
		if i, moved := o.ids[t]; moved {
			sc.ops = append(sc.ops, orbitOp{k: opModel, n: i})
			return true, true
		}
		return false, true
	case *Set:
		start := len(sc.ops)
		var folded uint64
		nd := int32(0)
		for _, e := range t.Elems {
			d, ok := o.compile(sc, e)
			if !ok {
				return false, false
			}
			if d {
				nd++
			} else {
				folded += elemMix(Hash(e))
			}
		}
		if nd == 0 {
			sc.ops = sc.ops[:start]
			return false, true
		}
		sc.ops = append(sc.ops, orbitOp{k: opSet, n: nd, size: int32(len(t.Elems)), h: folded})
		return true, true
	case *Fcn:
		start := len(sc.ops)
		var folded uint64
		nd := int32(0)
		for i, x := range t.Values() {
			arg := t.domAt(i)
			da, ok := o.compile(sc, arg)
			if !ok {
				return false, false
			}
			dv, ok := o.compile(sc, x)
			if !ok {
				return false, false
			}
			switch {
			case !da && !dv:
				folded += pairMix(Hash(arg), Hash(x))
				continue
			case !da:
				// (a compile that reports no moved model value leaves
				// sc.ops as it found it)
				sc.ops = append(sc.ops, orbitOp{k: opPairC, h: Hash(arg)})
			case !dv:
				sc.ops = append(sc.ops, orbitOp{k: opConst, h: Hash(x)}, orbitOp{k: opPair})
			default:
				sc.ops = append(sc.ops, orbitOp{k: opPair})
			}
			nd++
		}
		if nd == 0 {
			sc.ops = sc.ops[:start]
			return false, true
		}
		sc.ops = append(sc.ops, orbitOp{k: opFcn, n: nd, size: int32(t.Len()), h: folded})
		return true, true
	}
	return false, false
}

// run evaluates the compiled value with the model value hashes of the
// group element whose table starts at base and returns its image's hash.
func (o *Orbit) run(sc *orbitScratch, base int) uint64 {
	st := sc.stack[:0]
	tab := o.tab[base : base+o.n]
	for i := range sc.ops {
		op := &sc.ops[i]
		switch op.k {
		case opConst:
			st = append(st, op.h)
		case opModel:
			st = append(st, tab[op.n])
		case opPairC:
			st[len(st)-1] = pairMix(op.h, st[len(st)-1])
		case opPair:
			k := len(st) - 2
			st[k] = pairMix(st[k], st[k+1])
			st = st[:k+1]
		case opSet:
			sum := op.h
			k := len(st) - int(op.n)
			for _, h := range st[k:] {
				sum += elemMix(h)
			}
			st = append(st[:k], combine(combine(0x5e70b17, uint64(op.size)), sum))
		case opFcn:
			sum := op.h
			k := len(st) - int(op.n)
			for _, h := range st[k:] {
				sum += h
			}
			st = append(st[:k], combine(combine(0xfc70b17, uint64(op.size)), sum))
		}
	}
	sc.stack = st
	return st[0]
}

// elemMix is a set element's share of its set's hash.
func elemMix(h uint64) uint64 { return mix(h ^ 0x9E3779B97F4A7C15) }

// pairMix is an (argument, value) pair's share of its function's hash.
func pairMix(d, v uint64) uint64 { return mix(combine(d^0xd0a1, v)) }
