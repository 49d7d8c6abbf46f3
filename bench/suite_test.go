package bench

import "testing"

// fill must set every byte of b, for every length (the word stores, the
// byte tail and the doubling copies all in play), and nothing past it.
func TestFillSetsEveryByte(t *testing.T) {
	for n := 0; n <= 300; n++ {
		buf := make([]byte, n+9)
		for i := range buf {
			buf[i] = 0x5A
		}
		b := buf[1 : 1+n] // unaligned start too
		fill(b, byte(n)|1)
		for i, c := range b {
			if c != byte(n)|1 {
				t.Fatalf("len %d: byte %d is %#x, want %#x", n, i, c, byte(n)|1)
			}
		}
		if buf[0] != 0x5A || buf[1+n] != 0x5A {
			t.Fatalf("len %d: fill wrote outside b", n)
		}
	}
}
