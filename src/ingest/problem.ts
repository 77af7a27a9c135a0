/** A problem with one input, reported as `{file, reason}` while the batch goes on. */
export class InputProblem extends Error {}
