import * as path from 'path';

/**
 * Ajv's `code.regExp` for CRD patterns, which are Go regular expressions: some (prometheus-operator's) use the
 * inline case-insensitive flag `(?i)`, which JavaScript spells as the `i` flag. `code` is how Ajv's generated
 * code (./schemas.ts keeps it between runs) reaches this function: by requiring this module.
 */
export const goRegExp = Object.assign(
  (pattern: string, flags: string) => (pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags)),
  { code: `require(${JSON.stringify(path.join(__dirname, 'go-regexp'))}).goRegExp` },
);
