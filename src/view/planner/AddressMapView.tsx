/**
 * The address map as the core lays it out (plan/addressmap.ts): every block inside its parent
 * space, positions and widths already on a 0..1 scale, sizes already as text. This file draws;
 * it computes no position, size or overlap itself.
 */
import { memo } from 'react';
import type {
  MapMark,
  MapRow,
  MapSection,
  MapSegment,
  SegmentState,
} from '../../core/plan/addressmap';
import { sizeText } from '../../core/plan/addressmap';
import { count } from './format';

/** Height of one lane of a bar, px (CSS uses the same through --lane-h). */
const LANE_PX = 34;

const STATE_TEXT: Record<SegmentState, string> = {
  used: 'in use',
  free: 'free',
  reserved: 'reserved',
  conflict: 'conflict',
  reused: 'reused',
};

const KIND_CLASS: Record<MapSegment['kind'], string> = {
  clusterCIDR: 'k-pods',
  nodeRange: 'k-pods',
  nodeRanges: 'k-pods',
  nodeNetwork: 'k-nodes',
  nodeAddress: 'k-nodes',
  nodeAddresses: 'k-nodes',
  serviceCIDR: 'k-svc',
  serviceBand: 'k-svc',
  host: 'k-host',
  free: 'k-free',
};

function segmentText(seg: MapSegment): string {
  const size = seg.size === 1n ? '1 address' : `${seg.sizeText} addresses`;
  const parts = [`${seg.label}: ${seg.cidr}`, size];
  if (seg.state !== 'used' && seg.state !== 'free') parts.push(STATE_TEXT[seg.state]);
  if (seg.note) parts.push(seg.note);
  return parts.join(' · ');
}

/**
 * The text inside a segment; CSS hides it when the segment is too narrow to hold a few letters
 * (a container query), and the tooltip and the block list always have the whole of it.
 */
function inlineLabel(seg: MapSegment, network: boolean): string {
  if (seg.kind === 'free') return 'free';
  if (seg.width >= 0.3 && network) return `${seg.label} ${seg.cidr}`;
  return seg.label;
}

function Segment({ seg, network, n }: { seg: MapSegment; network: boolean; n: number }) {
  const text = segmentText(seg);
  const label = inlineLabel(seg, network);
  return (
    <div
      role="listitem"
      className={`pl-seg ${KIND_CLASS[seg.kind]} s-${seg.state}`}
      style={{
        left: `${seg.start * 100}%`,
        width: `${seg.width * 100}%`,
        top: `${seg.lane * LANE_PX}px`,
      }}
      title={text}
      aria-label={text}
    >
      {n > 0 ? (
        <b className="pl-key" aria-hidden="true">
          {n}
        </b>
      ) : null}
      <span aria-hidden="true">{label}</span>
    </div>
  );
}

/** Network rows number their blocks, so a block too narrow for its name still has a key. */
function keysOf(row: MapRow, network: boolean): number[] {
  let k = 0;
  return row.segments.map((s) => (network && s.kind !== 'free' ? ++k : 0));
}

function summaryText(row: MapRow): string {
  const { total, used, free, reserved } = row.summary;
  if (row.unit === 'node ranges') {
    const parts = [`${count(used)} of ${count(total)} node ranges in use`, `${count(free)} free`];
    if (reserved > 0n) parts.push(`${count(reserved)} never handed out`);
    return parts.join(' · ');
  }
  const parts = [
    `${sizeText(row.family, used)} of ${row.parent.sizeText} addresses in use`,
    `${sizeText(row.family, free)} free`,
  ];
  if (reserved > 0n) parts.push(`${sizeText(row.family, reserved)} reserved`);
  return parts.join(' · ');
}

/** The blocks of a row in words: every block on a network row, only marked ones elsewhere. */
function BlockList({ row, all, keys }: { row: MapRow; all: boolean; keys: number[] }) {
  const list = row.segments
    .map((s, i) => ({ s, n: keys[i] ?? 0 }))
    .filter(
      ({ s }) => s.kind !== 'free' && (all || s.state === 'conflict' || s.state === 'reused'),
    );
  if (list.length === 0) return null;
  return (
    <ul className="pl-blocks" aria-label={`Blocks in ${row.label}`}>
      {list.map(({ s, n }, i) => (
        <li key={`${s.ref}|${s.field}|${s.cidr}|${i}`}>
          {n > 0 ? (
            <b className="pl-key" aria-hidden="true">
              {n}
            </b>
          ) : null}
          <span className={`pl-swatch ${KIND_CLASS[s.kind]} s-${s.state}`} aria-hidden="true" />
          <span className="pl-block-label">{s.label}</span>
          <span className="mono">{s.cidr}</span>
          <span className="pl-muted">
            {s.size === 1n ? '1 address' : `${s.sizeText} addresses`}
          </span>
          {s.state === 'conflict' || s.state === 'reused' || s.state === 'reserved' ? (
            <span className={`pl-badge b-${s.state}`}>{STATE_TEXT[s.state]}</span>
          ) : null}
          {s.note && (s.state === 'conflict' || s.state === 'reused') ? (
            <span className="pl-block-note">{s.note}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export const MapRowView = memo(function MapRowView({
  row,
  network,
}: {
  row: MapRow;
  network: boolean;
}) {
  const keys = keysOf(row, network);
  return (
    <div className="pl-row" role="group" aria-label={row.label}>
      <div className="pl-row-head">
        <span className="pl-row-label mono">{row.label}</span>
        <span className="pl-row-sum">{summaryText(row)}</span>
      </div>
      <div
        className={network ? 'pl-bar net' : 'pl-bar'}
        role="list"
        aria-label={`${row.label} to scale`}
        style={{ height: `${Math.max(1, row.lanes) * LANE_PX}px` }}
      >
        {row.segments.map((seg, i) => (
          <Segment key={i} seg={seg} network={network} n={keys[i] ?? 0} />
        ))}
      </div>
      {row.note ? <p className="pl-note">{row.note}</p> : null}
      <BlockList row={row} all={network} keys={keys} />
    </div>
  );
});

export function NetworkSectionView({ section }: { section: MapSection }) {
  const id = `pl-sec-${section.ref || 'unattached'}`;
  return (
    <section className="pl-section pl-network" aria-labelledby={id}>
      <h3 id={id}>
        <span className="pl-kind">{section.kind === 'network' ? 'Network' : ''}</span>{' '}
        {section.label}
      </h3>
      {section.rows.length === 0 ? (
        <p className="pl-muted">No CIDR on this network.</p>
      ) : (
        section.rows.map((r) => <MapRowView key={r.id} row={r} network />)
      )}
    </section>
  );
}

export function MarksList({ marks, model }: { marks: readonly MapMark[]; model: string | null }) {
  const conflicts = marks.filter((m) => m.state === 'conflict');
  const reused = marks.filter((m) => m.state === 'reused');
  return (
    <section className="pl-marks" aria-labelledby="pl-marks-h">
      <h3 id="pl-marks-h">
        Overlaps and reuse <span className="pl-muted">under the {model ?? 'chosen'} model</span>
      </h3>
      {marks.length === 0 ? (
        <p className="pl-ok">No two blocks overlap.</p>
      ) : (
        <>
          <p className="pl-muted">
            {conflicts.length === 0
              ? 'No conflicts.'
              : `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}.`}{' '}
            {reused.length > 0
              ? `${reused.length} block${reused.length === 1 ? '' : 's'} reused where the model allows it.`
              : ''}
          </p>
          <ul className="pl-mark-list" aria-label="Overlaps">
            {[...conflicts, ...reused].map((m, i) => (
              <li key={i} className={`pl-mark m-${m.state}`}>
                <span className={`pl-badge b-${m.state}`}>
                  {m.state === 'conflict' ? 'Conflict' : 'Reused'}
                </span>
                <span>{m.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function MapLegend() {
  const items: { cls: string; label: string }[] = [
    { cls: 'k-pods s-used', label: 'pods' },
    { cls: 'k-nodes s-used', label: 'nodes' },
    { cls: 'k-svc s-used', label: 'Services' },
    { cls: 'k-host s-used', label: 'other hosts' },
    { cls: 'k-free s-free', label: 'free' },
    { cls: 'k-svc s-reserved', label: 'reserved (static band, never handed out)' },
    { cls: 'k-pods s-conflict', label: 'conflict' },
    { cls: 'k-pods s-reused', label: 'reused' },
  ];
  return (
    <ul className="pl-legend" aria-label="Legend">
      {items.map((it) => (
        <li key={it.label}>
          <span className={`pl-swatch ${it.cls}`} aria-hidden="true" />
          {it.label}
        </li>
      ))}
    </ul>
  );
}
