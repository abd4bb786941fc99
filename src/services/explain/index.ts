// Face of the explain service: `corsguard explain` ("why is my request blocked?") as a library.
export { checkRequest, type ExplainInput, type ExplainOptions, explainRequest } from './explain.js';
export { type Replay, type ReplayOptions, replayRequest } from './replay.js';
