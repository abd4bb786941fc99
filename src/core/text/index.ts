export { LineIndex, type TextRegion } from './line-index.js';
