// Every message exists in both languages, is valid ICU MessageFormat, and takes the same arguments
// in both, so no screen can fall back to a raw key or lose a value in one language only.
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./languages";
import { NAMESPACES, resources } from "./resources";

/** "namespace:a.b.c" → message, for one language. */
function flatten(tree: unknown, prefix: string, into: Map<string, string>) {
  if (typeof tree === "string") into.set(prefix, tree);
  else if (typeof tree === "object" && tree !== null) {
    for (const [key, value] of Object.entries(tree)) flatten(value, prefix.endsWith(":") ? `${prefix}${key}` : `${prefix}.${key}`, into);
  } else throw new Error(`${prefix} is neither a message nor a group of messages`);
}

function messages(language: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const namespace of Object.keys(resources[language] ?? {})) flatten(resources[language]?.[namespace], `${namespace}:`, all);
  return all;
}

/** The names of a message's arguments ({name}, {count, plural, …}), inside plurals and selects too. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const english = messages("en");
const greek = messages("el");

describe("the translation files", () => {
  it("have a file per namespace in each language", () => {
    expect(NAMESPACES.length).toBeGreaterThan(0);
    for (const language of LANGUAGES) expect(Object.keys(resources[language] ?? {}).sort()).toEqual(NAMESPACES);
  });

  it("have every key in both languages", () => {
    const onlyEnglish = [...english.keys()].filter((key) => !greek.has(key));
    const onlyGreek = [...greek.keys()].filter((key) => !english.has(key));
    expect({ onlyEnglish, onlyGreek }).toEqual({ onlyEnglish: [], onlyGreek: [] });
  });

  it("hold no empty message", () => {
    const empty = [...english, ...greek].filter(([, message]) => message.trim() === "").map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it("are valid ICU messages taking the same arguments in both languages", () => {
    const mismatched: string[] = [];
    for (const [key, message] of english) {
      const other = greek.get(key) ?? "";
      const en = [...argumentsOf(parse(message, { ignoreTag: true }))].sort();
      const el = [...argumentsOf(parse(other, { ignoreTag: true }))].sort();
      if (en.join() !== el.join()) mismatched.push(`${key}: en {${en.join()}} el {${el.join()}}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("write Greek with a final sigma at the end of words, never a medial one", () => {
    // «σ» before a space or punctuation is a misspelt «ς»; «ς» inside a word is a misspelt «σ».
    const wrong = [...greek]
      .filter(([, message]) => /σ(?=[\s.,;:!·»)]|$)/u.test(message) || /ς(?=\p{L})/u.test(message))
      .map(([key]) => key);
    expect(wrong).toEqual([]);
  });
});
