/**
 * Expression nodes that wrap one expression without changing its value: parentheses and the
 * TypeScript casts (`x as T`, `x satisfies T`, `x!`, `<T>x`). The analysis looks through them.
 */
export const TS_VALUE_WRAPPERS: ReadonlySet<string> = new Set(["parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression", "type_assertion"]);
