// How V8 compiles dyad, set once by the entry points (the `dyad` command, the bench)
// before any stage runs. V8's flags are the process's: worker threads started later
// (`--jobs`, the server's writer) are compiled the same way.
import { setFlagsFromString } from 'node:v8';

/**
 * V8 optimises every function that runs hot, whatever its size, and optimises it again
 * after each deoptimisation. The actors and events stages' `annotate` functions hold
 * over 10,000 bytes of bytecode each, and as articles bring new object shapes to the
 * small functions inlined into them, they were deoptimised and recompiled over and
 * over: on 3,000 generated articles, 17 recompiles of those two took 4.3 s of the
 * compiler threads' time, a third of all the CPU time of `dyad analyze`, and every
 * worker thread would pay it again. Left unoptimised (the small functions they call
 * still are optimised), the same run took 7.5 s of CPU instead of 10.5 s, and 6.0 s
 * instead of 6.9 s from start to end.
 */
export function tuneCompiler(): void {
  setFlagsFromString('--max-optimized-bytecode-size=10000');
}
