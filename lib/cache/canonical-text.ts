import { types } from 'util';

/**
 * The text a cache key is hashed from (`persistent.ts`): one text for every value equal as data, another for
 * every other value, whatever form V8 holds it in. `v8.serialize` is no such key: it writes a number as
 * a small integer or as a double as V8 holds the field or array it sits in (in node, a `{ x: 2 }` made
 * before any `{ x }` held 1.5 serializes otherwise than one made after; `[1, 2, 3]` likewise), which
 * depends on what ran before in the process: equal inputs built along different paths (an environment
 * resolved with or without validation, a value read back from the cache) would be kept twice and found
 * by neither.
 *
 * Equal as data means: the same primitives (numbers compared as `Object.is` compares them, so -0 is not 0
 * and NaN is NaN), plain objects with the same own enumerable keys in the same order and equal values,
 * arrays of the same length with equal elements (a hole is not `undefined`; other properties an array may
 * carry are not read), Maps and Sets with equal entries in the same order, Dates of the same time, typed
 * arrays of the same kind and bytes, and the same sharing: an object met a second time is written as a
 * reference to its first place, as v8 writes it, so a value that holds one object twice is not taken for
 * one holding two equal copies.
 *
 * Anything else (a function, a symbol, an instance of a class, which may hold state no key shows) throws:
 * a value that cannot be named this way is not kept, which only costs its computation.
 */
export function canonicalText(value: unknown): string {
  const parts: string[] = [];
  const seen = new Map<object, number>();
  const write = (item: unknown): void => {
    switch (typeof item) {
      case 'undefined':
        parts.push('u');
        return;
      case 'boolean':
        parts.push(item ? 't' : 'f');
        return;
      case 'number':
        // String() gives every double its shortest exact text, and NaN and the infinities words; only -0 needs telling apart.
        parts.push(Object.is(item, -0) ? 'n-0;' : `n${item};`);
        return;
      case 'bigint':
        parts.push(`b${item};`);
        return;
      case 'string':
        // By length, not quoted: a long text (a YAML stream kept by its JSON) is copied, never scanned for escapes.
        parts.push(`s${item.length}:`, item);
        return;
      case 'object':
        break;
      default:
        throw new TypeError(`a ${typeof item} cannot be part of a cache key`);
    }
    if (item === null) {
      parts.push('z');
      return;
    }
    const earlier = seen.get(item);
    if (earlier !== undefined) {
      parts.push(`r${earlier};`);
      return;
    }
    seen.set(item, seen.size);
    if (Array.isArray(item)) {
      parts.push(`[${item.length};`);
      for (let i = 0; i < item.length; i++) {
        if (i in item) write(item[i]);
        else parts.push('_');
      }
      parts.push(']');
    } else if (types.isMap(item)) {
      parts.push('M');
      for (const [key, entry] of item) {
        write(key);
        write(entry);
      }
      parts.push(')');
    } else if (types.isSet(item)) {
      parts.push('S');
      for (const entry of item) write(entry);
      parts.push(')');
    } else if (types.isDate(item)) {
      parts.push(`D${(item as Date).getTime()};`);
    } else if (ArrayBuffer.isView(item)) {
      parts.push(`V${item.constructor.name}:${Buffer.from(item.buffer, item.byteOffset, item.byteLength).toString('base64')};`);
    } else {
      // A plain object of any realm (v8.deserialize makes its objects in node's, not in a vm context's such as jest's).
      const prototype = Object.getPrototypeOf(item);
      if (prototype !== null && Object.getPrototypeOf(prototype) !== null) throw new TypeError(`an instance of ${prototype.constructor?.name ?? 'a class'} cannot be part of a cache key`);
      parts.push('{');
      for (const key of Object.keys(item)) {
        parts.push(`${key.length}:`, key);
        write((item as Record<string, unknown>)[key]);
      }
      parts.push('}');
    }
  };
  write(value);
  return parts.join('');
}
