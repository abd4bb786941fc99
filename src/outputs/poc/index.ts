export { type PocPage, pocFor, pocIndex, pocPages, safeSlug, writePocDir } from './poc.js';
export { fetchPage, nullOriginPage, type PageInput, websocketPage } from './templates.js';
