#include "textflag.h"

// func scratchAsm(b []byte, passes int) uint64
//
// The loop gcc -O2 makes of harness.c's scratch (a volatile pointer): per
// byte one store of k, one load of it back, the sum of the load + 1. Go's
// compiler forwards the store to the load and lays the loop out with three
// taken branches per pass, so the same source in Go runs 3x slower than in
// C (bench/results/2026-12-04.md); in assembly both languages run the same
// instructions and the cell measures what it is for, the cache lines.
TEXT ·scratchAsm(SB), NOSPLIT, $0-40
	MOVQ b_base+0(FP), DI
	MOVQ b_len+8(FP), SI
	MOVQ passes+24(FP), DX
	XORQ R8, R8
	TESTQ DX, DX
	JLE done
	TESTQ SI, SI
	JLE done
	XORQ R9, R9
pass:
	XORQ AX, AX
byte:
	MOVB AL, (DI)(AX*1)
	MOVBQZX (DI)(AX*1), CX
	ADDQ $1, AX
	LEAQ 1(R8)(CX*1), R8
	CMPQ AX, SI
	JNE byte
	ADDQ $1, R9
	CMPQ R9, DX
	JNE pass
done:
	MOVQ R8, ret+32(FP)
	RET
