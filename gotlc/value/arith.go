package value

import (
	"fmt"
	"math"
)

// Integer arithmetic with TLC's range and words. TLC's integers are
// 32-bit (Java int): a result outside -2^31..2^31-1 is TLC's error
// "Overflow when computing 2147483647+1" (exit 255), never a silent
// wrap-around; gotlc stores integers in 64 bits and checks every result of
// + - * ^ against TLC's range, so a spec TLC can run computes the same
// values and a spec that overflows in TLC fails in gotlc the same way.

// MinInt and MaxInt are the bounds of TLC's integers.
const (
	MinInt = math.MinInt32
	MaxInt = math.MaxInt32
)

// InRange reports whether x is one of TLC's integers.
func InRange(x Int) bool { return x >= MinInt && x <= MaxInt }

func overflow(a Int, op string, b Int) error {
	return &Error{Msg: fmt.Sprintf("Overflow when computing %d%s%d", a, op, b), Exit: 255}
}

func Add(a, b Int) (Int, error) {
	if s := a + b; InRange(a) && InRange(b) && InRange(s) {
		return s, nil
	}
	return 0, overflow(a, "+", b)
}

func Sub(a, b Int) (Int, error) {
	if s := a - b; InRange(a) && InRange(b) && InRange(s) {
		return s, nil
	}
	return 0, overflow(a, "-", b)
}

func Mul(a, b Int) (Int, error) {
	if !InRange(a) || !InRange(b) {
		return 0, overflow(a, "*", b)
	}
	if p := a * b; InRange(p) { // |a|, |b| <= 2^31: the product fits in 64 bits
		return p, nil
	}
	return 0, overflow(a, "*", b)
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

// Pow is a^b for b >= 0 (TLC's words for a negative b and for a result
// outside TLC's range).
func Pow(a, b Int) (Int, error) {
	if b < 0 {
		return 0, &Error{Msg: fmt.Sprintf("The second argument of ^ should be a natural number, but instead it is:\n%d", b), Exit: 255}
	}
	switch {
	case b == 0:
		return 1, nil
	case a == 0 || a == 1:
		return a, nil
	case a == -1:
		return 1 - 2*(b%2), nil
	}
	r := Int(1)
	for i := Int(0); i < b; i++ { // |a| >= 2: at most 32 rounds before an overflow
		var err error
		if r, err = Mul(r, a); err != nil {
			return 0, overflow(a, "^", b)
		}
	}
	return r, nil
}
