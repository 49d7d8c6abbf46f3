//go:build linux

package veralloc

import (
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"
)

// Typed allocation of values that hold no Go pointers. The garbage
// collector does not scan veralloc blocks, so a pointer stored in one would
// not keep its target alive; these helpers refuse such types at the call.

var errHasPointers = errors.New("type contains Go pointers (the garbage collector does not scan veralloc blocks)")

// pointerFree caches, per type, nil or the error saying why the type may
// not live in a block.
var pointerFree sync.Map // reflect.Type -> error (nil stored as noPointers)

type noPointers struct{}

// checkType returns nil when values of t hold no Go pointers, else an
// error naming the first field or element that does.
func checkType(op string, t reflect.Type) error {
	if v, ok := pointerFree.Load(t); ok {
		if err, ok := v.(error); ok {
			return err
		}
		return nil
	}
	var err error
	if where, kind := findPointer(t, ""); kind != "" {
		at := ""
		if where != "" {
			at = " (" + where + " is a " + kind + ")"
		} else {
			at = " (it is a " + kind + ")"
		}
		err = fmt.Errorf("veralloc: %s[%v]: %w%s", op, t, errHasPointers, at)
		pointerFree.Store(t, err)
	} else {
		pointerFree.Store(t, noPointers{})
	}
	return err
}

// findPointer returns the path to the first part of t that is or holds a
// Go pointer, and that part's kind ("" when there is none).
func findPointer(t reflect.Type, path string) (string, string) {
	switch t.Kind() {
	case reflect.Pointer, reflect.UnsafePointer, reflect.Map, reflect.Chan, reflect.Func,
		reflect.Interface, reflect.Slice, reflect.String:
		return path, t.Kind().String()
	case reflect.Array:
		if t.Len() == 0 {
			return "", ""
		}
		return findPointer(t.Elem(), path+"[0]")
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			if w, k := findPointer(f.Type, p); k != "" {
				return w, k
			}
		}
	}
	return "", ""
}

// Alloc returns a zeroed T in a block of h. It fails with an error wrapping
// ErrHasPointers, naming the offending field, when T holds Go pointers.
// Free it with Free.
func Alloc[T any](h *Heap) (*T, error) {
	var zero T
	if err := checkType("Alloc", reflect.TypeFor[T]()); err != nil {
		return nil, err
	}
	b, err := h.Alloc(int(unsafe.Sizeof(zero)))
	if err != nil {
		return nil, err
	}
	clear(b)
	return (*T)(unsafe.Pointer(unsafe.SliceData(b[:cap(b)]))), nil
}

// AllocSlice returns a zeroed []T of length and capacity n in one block of
// h. It fails with an error wrapping ErrHasPointers when T holds Go
// pointers, and with ErrBadSize when n is negative or n values do not fit
// in an int. Free it with FreeSlice.
func AllocSlice[T any](h *Heap, n int) ([]T, error) {
	var zero T
	if err := checkType("AllocSlice", reflect.TypeFor[T]()); err != nil {
		return nil, err
	}
	size := int(unsafe.Sizeof(zero))
	if n < 0 || (size > 0 && n > int(^uint(0)>>1)/size) {
		return nil, fmt.Errorf("veralloc: AllocSlice[%v](%d): %w", reflect.TypeFor[T](), n, ErrBadSize)
	}
	b, err := h.Alloc(n * size)
	if err != nil {
		return nil, err
	}
	clear(b)
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(b[:cap(b)]))), n), nil
}

// Free gives back a value Alloc returned, through any heap of the same
// allocator.
func Free[T any](h *Heap, p *T) error {
	return h.Free(unsafe.Slice((*byte)(unsafe.Pointer(p)), 0))
}

// FreeSlice gives back a slice AllocSlice returned (it may be resliced, but
// must start at its first element), through any heap of the same
// allocator.
func FreeSlice[T any](h *Heap, s []T) error {
	return h.Free(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), 0))
}
