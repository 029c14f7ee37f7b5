// A command's refusal: one sentence for the operator, printed without a stack, and exit code 1.
export class CommandFailure extends Error {}
