/** Makes a `switch` over a discriminated union exhaustive: a new case is a compile error until handled. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
