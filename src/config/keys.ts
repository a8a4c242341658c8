// Checks a key remap: every key bound to one command only, every command left with a key, Ctrl-C kept for quit.

/** The key that always quits; binding it to anything else is an error. */
const RESERVED = 'ctrl-c';

/** One spelling per key: named keys lower-case, single characters as typed ("J" and "j" differ). */
const normal = (name: string): string => (name.length === 1 ? name : name.toLowerCase());

/**
 * The first problem with `overrides` (command -> key names) applied over `defaults`, as "keys...: reason",
 * or undefined when the resulting keymap is unambiguous.
 */
export function checkKeys(overrides: Readonly<Record<string, readonly string[]>>, defaults: Readonly<Record<string, readonly string[]>>): string | undefined {
  const owner = new Map<string, string>();
  for (const [command, names] of Object.entries({ ...defaults, ...overrides })) {
    if (names.length === 0) return `keys.${command}: the command would be left without a key`;
    for (const name of names) {
      const key = normal(name);
      if (key === RESERVED && command !== 'quit') return `keys.${command}: "${name}" always quits and cannot be bound to ${command}`;
      const other = owner.get(key);
      if (other !== undefined && other !== command) {
        const where = (c: string) => (c in overrides ? c : `${c} (default)`);
        return `keys: "${name}" is bound to both ${where(other)} and ${where(command)}; give each command its own keys`;
      }
      owner.set(key, command);
    }
  }
  return undefined;
}
