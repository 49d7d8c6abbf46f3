package value

import (
	"fmt"
	"math"
	"math/bits"
)

// Integer arithmetic with overflow detection. TLC's integers are 32-bit;
// gotlc's are 64-bit, and leaving that range is an error, never a silent
// wrap-around.

func overflow(op string, a, b Int) error {
	return Errorf("integer overflow: %d %s %d does not fit in 64 bits", a, op, b)
}

func Add(a, b Int) (Int, error) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, overflow("+", a, b)
	}
	return s, nil
}

func Sub(a, b Int) (Int, error) {
	s := a - b
	if (s < a) != (b > 0) {
		return 0, overflow("-", a, b)
	}
	return s, nil
}

func Mul(a, b Int) (Int, error) {
	if a == 0 || b == 0 {
		return 0, nil
	}
	hi, lo := bits.Mul64(uint64(abs(a)), uint64(abs(b)))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, overflow("*", a, b)
	}
	r := Int(lo)
	if (a < 0) != (b < 0) {
		r = -r
	}
	return r, nil
}

func abs(a Int) Int {
	if a < 0 {
		return -a
	}
	return a
}

// Div is a \div b (rounding towards negative infinity).
func Div(a, b Int) (Int, error) {
	if b == 0 {
		// TLC's words, and its exit code (255, not 75).
		return 0, &Error{Msg: "The second argument of \\div is 0.", Exit: 255}
	}
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q, nil
}

// Mod is a % b, in 0..b-1; b must be positive.
func Mod(a, b Int) (Int, error) {
	if b <= 0 {
		return 0, &Error{Msg: fmt.Sprintf("The second argument of %% should be a positive number, but instead it is:\n%d", b), Exit: 255}
	}
	r := a % b
	if r < 0 {
		r += b
	}
	return r, nil
}

// Pow is a^b for b >= 0.
func Pow(a, b Int) (Int, error) {
	if b < 0 {
		if a == 1 {
			return 1, nil
		}
		return 0, Errorf("the exponent of ^ is negative: %d", b)
	}
	r := Int(1)
	for i := Int(0); i < b; i++ {
		var err error
		if r, err = Mul(r, a); err != nil {
			return 0, Errorf("integer overflow: %d^%d does not fit in 64 bits", a, b)
		}
	}
	return r, nil
}
