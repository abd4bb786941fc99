export {
  type MonitorResult,
  MonitorStore,
  type StoredAlert,
  type StoredChange,
  type StoredSnapshot,
} from './monitor-store.js';
export { pgliteSql, postgresSql, type Sql } from './sql.js';
export {
  type HistoryPage,
  openStore,
  type ScanRequest,
  type ScanStatus,
  ScanStore,
  type StoredScan,
  type StoredSite,
} from './store.js';
