export { type EnvironmentResult, openEnvironment, selectEnvironment } from './environment.js';
