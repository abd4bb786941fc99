// oxc-parser's JSON-to-ESTree step (exported by the package, untyped): the parser thread hands the AST
// over as the native binding's JSON string.
declare module 'oxc-parser/src-js/wrap' {
  /** JSON.parse of the binding's `program`, with BigInt and RegExp literal values restored. */
  export function jsonParseAst(json: string): unknown;
}
