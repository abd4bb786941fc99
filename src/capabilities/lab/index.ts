export { type LabCommandIo, type LabCommandOptions, runLabCommand } from './command.js';
export { LAB_ENDPOINTS } from './endpoints.js';
export { ALLOWED_ORIGINS, LAB_HOST } from './policy.js';
export { startLab } from './server.js';
export { labTlsCredentials } from './tls.js';
export type { Lab, LabEndpoint, LabRequest, StartLabOptions } from './types.js';
