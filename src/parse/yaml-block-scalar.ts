/**
 * A YAML block scalar's indicator, written after its key (`key: |`, `- >-`, `key: |2`): `|` or `>`,
 * then a chomping sign (`-`, `+`) and an indentation digit, either or both, in either order. Its
 * value is on the lines below.
 */
export const BLOCK_SCALAR_INDICATOR = "[|>](?:[1-9][+-]?|[+-][1-9]?)?";

const WHOLE = new RegExp(`^${BLOCK_SCALAR_INDICATOR}$`);

/** Is a key's value, as written on its line, a block scalar's indicator? */
export const isBlockScalarIndicator = (value: string): boolean => WHOLE.test(value);
