/** The report's inline stylesheet (no external resources). */
export const REPORT_CSS = `
:root{--critical:#b3001b;--high:#c2410c;--medium:#9a6700;--low:#2b7bb9;--info:#6b7280;--ok:#1a7f37;
font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
body{margin:0 auto;max-width:1100px;padding:24px}
header{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
h1{margin:0;font-size:1.6rem}h2{font-size:1.1rem;word-break:break-all}
svg[data-testid=severity-chart]{max-width:100%;height:auto}li code,.notes code{overflow-wrap:anywhere}
.target,.panel-box{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0}
.grade-card{display:inline-flex;gap:12px;align-items:center;border-radius:8px;padding:8px 16px;color:#fff;background:var(--info)}
.grade-card .letter{font-size:2rem;font-weight:700}
.grade-A\\+,.grade-A{background:var(--ok)}.grade-B{background:#3a7d1f}.grade-C{background:var(--medium)}
.grade-D{background:var(--high)}.grade-F{background:var(--critical)}.ungraded{background:var(--info)}
.finding{border-left:6px solid var(--info);padding:8px 12px;margin:12px 0;background:#fafbfc}
.sev-critical{border-color:var(--critical)}.sev-high{border-color:var(--high)}.sev-medium{border-color:var(--medium)}
.sev-low{border-color:var(--low)}.sev-info{border-color:var(--info)}
.badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:.8rem;text-transform:uppercase}
.badge.critical{background:var(--critical)}.badge.high{background:var(--high)}.badge.medium{background:var(--medium)}
.badge.low{background:var(--low)}.badge.info{background:var(--info)}
.badge.state-new{background:#8250df}.badge.state-unchanged{background:#57606a}.badge.state-fixed{background:var(--ok)}
.finding[data-baseline="unchanged"]{opacity:.85}.fixed{list-style:none;padding-left:0}
pre{background:#0d1117;color:#e6edf3;padding:12px;border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-all}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin:8px 0}
.tabs input{position:absolute;opacity:0;pointer-events:none}
.tabs label{padding:4px 10px;border:1px solid #d0d7de;border-radius:6px 6px 0 0;cursor:pointer;background:#eef1f4}
.tabs input:checked+label{background:#fff;font-weight:600}
.tabs .panel{display:none;order:1;width:100%;border:1px solid #d0d7de;padding:8px;background:#fff}
.tabs input:checked+label+.panel{display:block}
.empty{color:#57606a;font-style:italic}
.notes{color:#57606a;font-size:.9rem}
.badge.read{background:var(--critical)}.badge.not-read{background:var(--ok)}
`;
