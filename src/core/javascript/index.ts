export { type OxcError, parseOnBigStack, type ThreadParse } from './oxc-thread.js';
export { MAX_NESTING, MAX_TREE_DEPTH, type ParsedJavaScript, parseJavaScript } from './parse.js';
export { child, children, isNode, type Node, rangeOf, unwrap, walk } from './syntax-tree.js';
