import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { LANGUAGES } from "./languages";
import { NAMESPACES, resources } from "./resources";

type Tree = { [key: string]: string | Tree };

/** Every key of a translation file, "a.b.c", with its message. */
function messages(tree: Tree, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [inner, message] of messages(value, path)) found.set(inner, message);
  }
  return found;
}

/** The arguments a message takes ({points}, {count, plural, …}), nested ones included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
      into.add(element.value);
    }
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      into.add(element.value);
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

const files = NAMESPACES.flatMap((namespace) =>
  LANGUAGES.map((language) => ({ namespace, language, keys: messages(resources[language][namespace] as Tree) })),
);

test.each(NAMESPACES)("the %s namespace has the same keys in Greek and in English", (namespace) => {
  const el = [...messages(resources.el[namespace] as Tree).keys()].sort();
  const en = [...messages(resources.en[namespace] as Tree).keys()].sort();
  expect({ onlyInGreek: el.filter((key) => !en.includes(key)), onlyInEnglish: en.filter((key) => !el.includes(key)) }).toEqual({
    onlyInGreek: [],
    onlyInEnglish: [],
  });
});

test.each(files.map((file) => [`${file.language}/${file.namespace}`, file] as const))(
  "every message of %s is valid ICU MessageFormat and never empty",
  (_, { keys }) => {
    for (const [key, message] of keys) {
      expect({ key, empty: message.trim() === "" }).toEqual({ key, empty: false });
      expect(() => parse(message)).not.toThrow();
    }
  },
);

test.each(NAMESPACES)("the %s namespace's messages take the same arguments in both languages", (namespace) => {
  const en = messages(resources.en[namespace] as Tree);
  for (const [key, greek] of messages(resources.el[namespace] as Tree)) {
    const english = en.get(key);
    if (english === undefined) continue;
    expect({ key, args: [...argumentsOf(parse(greek))].sort() }).toEqual({ key, args: [...argumentsOf(parse(english))].sort() });
  }
});

test("Greek text has no Latin look-alikes of Greek letters and never ends a word with σ", () => {
  for (const namespace of NAMESPACES) {
    for (const [key, message] of messages(resources.el[namespace] as Tree)) {
      // A word that ends in a medial sigma should end in ς (final sigma).
      expect({ key, medialSigmaAtEnd: /σ(?![\p{L}])/u.test(message) }).toEqual({ key, medialSigmaAtEnd: false });
      // A Latin letter inside a Greek word ("Εvα") is a typing slip; Latin words (PowerSave, kWh, email) stand apart.
      expect({ key, mixedWord: /\p{Script=Greek}[A-Za-z]|[A-Za-z]\p{Script=Greek}/u.test(message) }).toEqual({ key, mixedWord: false });
    }
  }
});
