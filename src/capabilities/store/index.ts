export { pgliteSql, postgresSql, type Sql } from './sql.js';
export {
  type HistoryPage,
  openStore,
  type ScanRequest,
  type ScanStatus,
  ScanStore,
  type StoredScan,
} from './store.js';
