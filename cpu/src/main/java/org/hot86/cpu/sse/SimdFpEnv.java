package org.hot86.cpu.sse;

/**
 * Per-instruction floating-point environment for SSE semantics: the MXCSR controls going in, the exception flags
 * raised, and the 128-bit result coming out. One instance per CPU, reused (no allocation per instruction).
 *
 * <p>Call order for one instruction:
 * <pre>
 *   env.begin(mxcsr)            // controls taken from MXCSR; flags cleared
 *   ok = SseFloat.xxx(env, ...)  // semantic method fills env.lo/env.hi (or env.lo only) and the flags
 *   mxcsr = env.mxcsr()          // ALWAYS store back: flags are sticky and are set even when ok == false
 *   if (ok) write env.lo()/env.hi() to the destination
 *   else    raise #XM (vector 19), or #UD when CR4.OSXMMEXCPT = 0; destination unchanged
 * </pre>
 *
 * <p>Exception model (SDM Vol. 1, 11.5.1 and 11.5.2): IE, DE and ZE are <em>pre-computation</em> exceptions, OE, UE
 * and PE <em>post-computation</em>. If any element of the operation raises an unmasked pre-computation exception,
 * only the pre-computation flags of all elements are recorded and nothing is computed. Otherwise all elements are
 * computed; if an unmasked post-computation exception occurs, all flags are recorded and the result is discarded.
 */
public final class SimdFpEnv {
    int mxcsr;
    int rc;
    boolean daz;
    boolean ftz;
    /** Bitmask of flags whose exception is unmasked. */
    int unmasked;
    int pre;
    int post;
    /** Post-computation flags of completed stages of a multi-step instruction (DPPS, DPPD). */
    int carried;
    long lo;
    long hi;
    /** Scratch: unbiased exponent returned by {@link FpCore} unpacking. */
    int exp;

    /** Starts an instruction under the given MXCSR. */
    public SimdFpEnv begin(int mxcsr) {
        this.mxcsr = mxcsr;
        this.rc = Mxcsr.roundingControl(mxcsr);
        this.daz = (mxcsr & Mxcsr.DAZ) != 0;
        this.ftz = (mxcsr & Mxcsr.FTZ) != 0;
        this.unmasked = Mxcsr.unmasked(mxcsr, Mxcsr.FLAGS);
        this.pre = 0;
        this.post = 0;
        this.carried = 0;
        this.lo = 0;
        this.hi = 0;
        return this;
    }

    /** Overrides the rounding control for this instruction only (ROUNDxx with imm8[2] = 0, CVTTxx). */
    void roundingOverride(int rc) {
        this.rc = rc;
    }

    /**
     * Ends the instruction: folds the flags into MXCSR and says whether the result may be written.
     * @return true when no unmasked exception occurred
     */
    boolean finish() {
        int preUnmasked = pre & unmasked;
        int flags = (preUnmasked != 0 ? pre : pre | post) | carried;
        mxcsr |= flags;
        return (flags & unmasked) == 0;
    }

    /**
     * Ends one stage of a multi-step instruction (the multiplies of DPPS, then each level of additions): true when
     * an unmasked exception occurred in it, in which case the caller must stop and return {@link #finish()}.
     */
    boolean stageFaulted() {
        if (((pre | post) & unmasked) != 0) {
            return true;
        }
        carried |= post;
        post = 0;
        return false;
    }

    /** MXCSR after the instruction (flags or-ed in). */
    public int mxcsr() {
        return mxcsr;
    }

    /** Low 64 bits of the result (or the integer result of a conversion to a general register). */
    public long lo() {
        return lo;
    }

    /** High 64 bits of the result. */
    public long hi() {
        return hi;
    }
}
