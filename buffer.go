//go:build linux

package veralloc

import (
	"io"
	"unicode/utf8"
)

// A Buffer is a variable-sized buffer of bytes, like bytes.Buffer, whose
// memory is one block of its heap: it grows through Heap.Realloc (in place
// while the block has room) and Free gives the block back. Use it, not
// append, to build data of unknown length in veralloc memory.
//
// A Buffer is used by one goroutine at a time, the one that may use its
// heap. The slice Bytes returns is valid until the next write or Free.
// The zero Buffer is not usable; make one with NewBuffer.
type Buffer struct {
	h   *Heap
	buf []byte // the block, len = bytes written; nil before the first write and after Free
	off int    // read position: buf[off:] is unread
}

// NewBuffer returns an empty buffer that allocates from h. It holds no
// block until the first write.
func NewBuffer(h *Heap) *Buffer { return &Buffer{h: h} }

// Len returns the number of unread bytes.
func (b *Buffer) Len() int { return len(b.buf) - b.off }

// Cap returns the capacity of the buffer's block.
func (b *Buffer) Cap() int { return cap(b.buf) }

// Bytes returns the unread bytes. They alias the buffer's block: valid
// until the next write, Reset or Free.
func (b *Buffer) Bytes() []byte { return b.buf[b.off:] }

// String returns the unread bytes as a string (a copy on the Go heap).
func (b *Buffer) String() string { return string(b.buf[b.off:]) }

// Reset empties the buffer, keeping its block for reuse.
func (b *Buffer) Reset() { b.buf, b.off = b.buf[:0], 0 }

// Truncate discards all but the first n unread bytes. It panics if n is
// negative or greater than Len, as bytes.Buffer does.
func (b *Buffer) Truncate(n int) {
	if n < 0 || n > b.Len() {
		panic("veralloc.Buffer: truncation out of range")
	}
	b.buf = b.buf[:b.off+n]
}

// Grow makes room for at least n more bytes without another allocation.
func (b *Buffer) Grow(n int) error {
	_, err := b.grow(n)
	return err
}

// grow makes room for n more bytes and returns the index where they go.
func (b *Buffer) grow(n int) (int, error) {
	l := len(b.buf)
	if n <= cap(b.buf)-l {
		return l, nil
	}
	if b.off > 0 && b.off == l {
		// Everything was read: start again at the front.
		l, b.off = 0, 0
		b.buf = b.buf[:0]
		if n <= cap(b.buf) {
			return 0, nil
		}
	}
	size := max(2*cap(b.buf), l+n, 64)
	nb, err := b.h.Realloc(b.buf, size)
	if err != nil {
		return 0, err
	}
	b.buf = nb[:l]
	return l, nil
}

// Write appends p to the buffer. It returns len(p) and nil, or 0 and the
// allocator's error when the buffer could not grow (the buffer is then
// unchanged).
func (b *Buffer) Write(p []byte) (int, error) {
	i, err := b.grow(len(p))
	if err != nil {
		return 0, err
	}
	b.buf = append(b.buf[:i], p...)
	return len(p), nil
}

// WriteString appends s to the buffer.
func (b *Buffer) WriteString(s string) (int, error) {
	i, err := b.grow(len(s))
	if err != nil {
		return 0, err
	}
	b.buf = append(b.buf[:i], s...)
	return len(s), nil
}

// WriteByte appends c to the buffer.
func (b *Buffer) WriteByte(c byte) error {
	i, err := b.grow(1)
	if err != nil {
		return err
	}
	b.buf = append(b.buf[:i], c)
	return nil
}

// WriteRune appends the UTF-8 encoding of r to the buffer.
func (b *Buffer) WriteRune(r rune) (int, error) {
	i, err := b.grow(utf8.UTFMax)
	if err != nil {
		return 0, err
	}
	b.buf = utf8.AppendRune(b.buf[:i], r)
	return len(b.buf) - i, nil
}

// Read reads the next len(p) unread bytes (or all of them) into p. At the
// end it returns io.EOF (0, nil when len(p) is 0).
func (b *Buffer) Read(p []byte) (int, error) {
	if b.off >= len(b.buf) {
		if len(p) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n := copy(p, b.buf[b.off:])
	b.off += n
	return n, nil
}

// WriteTo writes the unread bytes to w.
func (b *Buffer) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(b.buf[b.off:])
	b.off += n
	return int64(n), err
}

// Free gives the buffer's block back to the allocator (through the
// buffer's heap) and empties the buffer; it may be written again, and
// then allocates a new block.
func (b *Buffer) Free() error {
	if b.buf == nil {
		return nil
	}
	err := b.h.Free(b.buf)
	b.buf, b.off = nil, 0
	return err
}
