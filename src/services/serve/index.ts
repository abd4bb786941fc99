export { type Admission, type AdmittedTarget, createAdmission } from './admission.js';
export { SERVE_ERROR_STATUS, ServeError, type ServeErrorCode } from './errors.js';
export { openApiDocument } from './openapi.js';
export { type ResolvedServeOptions, resolveServeOptions, type ServeOptions } from './options.js';
export { type ScanEvent, ScanRunner, type ScanSecrets } from './runner.js';
export { buildServeApp, type RunningServer, startServer } from './server.js';
