/** A feature's English (or any other language's) texts: exactly the keys of its zh-CN reference. */
export type Texts<Reference extends Record<string, string>> = { readonly [K in keyof Reference]: string };
