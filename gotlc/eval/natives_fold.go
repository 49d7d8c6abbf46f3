package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Natives TLC has as Java overrides of the community modules' Functions
// and DyadicRationals (tlaplus/Examples' Huang checks its invariant with
// them in every state): Reduce's definition searches the divisors of both
// numbers, FoldFunction's builds a function over SUBSET DOMAIN f.
func init() {
	// Reduce(p) == LET gcd == GCD(p.num, p.den) IN IF gcd = 1 THEN p
	//              ELSE Rational(p.num \div gcd, p.den \div gcd)
	// with Euclid's gcd, as TLC's override computes it.
	natives["DyadicRationals!Reduce"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		r := a[0].(value.Value)
		num := intOf(site, apply(site, r, value.Intern("num")))
		den := intOf(site, apply(site, r, value.Intern("den")))
		g := gcd(int64(num), int64(den))
		if g == 1 {
			return r
		}
		if g == 0 {
			fail(site, "The second argument of \\div is 0.")
		}
		v, err := value.NewRecord([]*value.Str{value.Intern("num"), value.Intern("den")},
			[]value.Value{value.Int(int64(num) / g), value.Int(int64(den) / g)})
		if err != nil {
			failErr(site, err)
		}
		return v
	}
	natives["Functions!FoldFunction"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		f := a[2].(value.Value)
		return foldFunctionOnSet(c, site, a[0].(*opVal), a[1].(value.Value), f, fcnOf(site, f).Domain())
	}
	natives["Functions!FoldFunctionOnSet"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		return foldFunctionOnSet(c, site, a[0].(*opVal), a[1].(value.Value), a[2].(value.Value), a[3].(value.Value))
	}
}

// foldFunctionOnSet is op(f[xn], ... op(f[x2], op(f[x1], base))) for the
// elements x1, ..., xn of the set in TLC's order, the order of TLC's
// override (the same as the definition's for a commutative and
// associative op, the case the module documents).
func foldFunctionOnSet(c *Ctx, site syntax.Node, op *opVal, base, f, set value.Value) value.Value {
	acc := base
	for _, x := range elems(site, setOf(site, set)) {
		acc = op.call(c, []any{apply(site, f, x), acc})
	}
	return acc
}

func gcd(a, b int64) int64 {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
