package syntax

import (
	"strings"
	"testing"
)

// Proofs of every shape are skipped; the units after them are parsed.
func TestProofSkipping(t *testing.T) {
	src := `---- MODULE P ----
EXTENDS Naturals
CONSTANT N
VARIABLE x
Init == x = 0
Next == x' = x + 1
Inv == x \in Nat
THEOREM T1 == Init => Inv
  BY DEF Init, Inv
THEOREM T2 == Init => Inv OBVIOUS
A1 == 1
LEMMA L1 == Inv /\ Next => Inv'
PROOF
  <1> SUFFICES ASSUME Inv, Next
               PROVE  Inv'
    OBVIOUS
  <1>1. x' = x + 1
    BY DEF Next
  <1>a. CASE x = 0
    <2>1. PICK y \in Nat : y = x
      OBVIOUS
    <2> DEFINE z == y + 1
    <2>2. HAVE z > 0
    <2>3. TAKE w \in Nat
    <2>4. WITNESS 0 \in Nat
    <2> QED
      BY <2>1, <2>2 DEF Inv
  <1>2. QED
    BY <1>1, <1>a DEFS Inv, Next
A2 == 2
THEOREM T3 == ASSUME NEW c \in Nat,
                     NEW VARIABLE v
              PROVE  c >= 0
<1>1. c >= 0
  OMITTED
<1> QED BY <1>1
ASSUME N > 0
COROLLARY N >= 0
<*> QED
  OBVIOUS
PROPOSITION Prop == TRUE
  PROOF OBVIOUS
USE DEF Init, Next
HIDE DEF Inv
A3 == 3
THEOREM Spec2 == []Inv
<1>1. Init => Inv
  BY DEF Init
<1> QED
-----------------------------------------------------------------------------
A4 == 4
====`
	m, err := ParseModule("P.tla", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range m.Defs {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, " "); got != "Init Next Inv A1 A2 A3 A4" {
		t.Errorf("definitions: %s", got)
	}
	var thms []string
	for _, th := range m.Theorems {
		thms = append(thms, th.Keyword+":"+th.Name)
	}
	if got := strings.Join(thms, " "); got != "THEOREM:T1 THEOREM:T2 LEMMA:L1 THEOREM:T3 COROLLARY: PROPOSITION:Prop THEOREM:Spec2" {
		t.Errorf("theorems: %s", got)
	}
	if len(m.Assumes) != 1 || Sexpr(m.Assumes[0].Expr) != "(> N 0)" {
		t.Errorf("assumes: %v", m.Assumes)
	}
	if th := m.Theorems[3]; !th.AssumeProve || th.Expr != nil {
		t.Errorf("T3: %+v", th)
	}
	if got := Sexpr(m.Theorems[6].Expr); got != "([] Inv)" {
		t.Errorf("Spec2: %s", got)
	}
	// And it resolves (proof-local names such as z are never seen).
	if _, err := LoadSource("P.tla", []byte(src), nil); err != nil {
		t.Errorf("load: %v", err)
	}
}
