/**
 * The one error type for wrong connection settings and failed logins: a single message that names the setting, where
 * it came from and what to do, never a secret value and never a stack trace.
 *
 * Why the console filter: Pulumi's dynamic provider server (`@pulumi/pulumi/cmd/dynamic-provider/index.js`, the
 * `check`, `diff`, `read` and `delete` handlers) prints every error it catches with
 * ``console.error(`${e}: ${e.stack}`)`` and then returns the same error over gRPC, which the engine prints again.
 * So a login failure during preview appeared twice, once with our internal stack trace. For errors of this type the
 * stack is the message alone, and that one exact line is dropped from the provider's stderr; the engine's own report
 * of the gRPC error (the message) is the only one left. Other output and other errors are untouched.
 * @internal
 */

/** Printed forms (`${e}: ${e.stack}`) of recent connection errors, kept on globalThis so copies of this module agree. */
function quietLines(): Set<string> {
  const g = globalThis as unknown as { __snowflakeOAuthQuietErrors?: Set<string> };
  if (!g.__snowflakeOAuthQuietErrors) {
    g.__snowflakeOAuthQuietErrors = new Set();
    const original = console.error.bind(console);
    const set = g.__snowflakeOAuthQuietErrors;
    console.error = (...args: unknown[]) => {
      if (args.length === 1 && typeof args[0] === "string" && set.has(args[0])) return;
      original(...args);
    };
  }
  return g.__snowflakeOAuthQuietErrors;
}

export class SnowflakeConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnowflakeConnectionError";
    // No trace: the message says all a user can act on, and the frames are the provider's own.
    this.stack = `${this.name}: ${message}`;
    const lines = quietLines();
    lines.add(`${String(this)}: ${this.stack}`);
    if (lines.size > 200) lines.delete(lines.values().next().value as string);
  }
}

/** True when `line` is the dynamic provider's duplicate printing of a connection error (tests). */
export function isQuietLine(line: string): boolean {
  return quietLines().has(line);
}
