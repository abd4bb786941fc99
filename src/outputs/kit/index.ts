export { type ColorChoice, colorEnabled, type Paint, painter, type Style } from './color.js';
export {
  codeSpan,
  escapeHtml,
  escapeMarkdown,
  escapeTerminal,
  escapeXml,
  fencedCode,
  scriptJson,
} from './escape.js';
export { EXIT, type ExitCode, exitCodeOf } from './exit.js';
export {
  type JunitCase,
  type JunitProblem,
  type JunitReport,
  type JunitSkip,
  type JunitSuite,
  junitXml,
} from './junit.js';
