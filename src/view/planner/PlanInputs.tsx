/**
 * The sizing helper's inputs (shared by Size and Compare): wanted nodes, pods per node and
 * Services, the IP families, where IPv4 blocks go and the IPv6 ULA prefix (RFC 4193: a random
 * 40-bit Global ID under fd00::/8).
 */
import { useId } from 'react';
import { ulaPrefix } from '../../core/plan/ula';
import { STACKS } from './inputs';
import { newGlobalId, setGlobalId, setInputs, usePlanner, type SizeInputs } from './plannerState';

function NumberField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="field-input"
        type="number"
        inputMode="numeric"
        min={0}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? <span className="pl-hint">{hint}</span> : null}
    </div>
  );
}

export function PlanInputs({
  inputs,
  forCluster,
  compact = false,
}: {
  inputs: SizeInputs;
  forCluster: string | null;
  compact?: boolean;
}) {
  const globalId = usePlanner((s) => s.ulaGlobalId);
  const baseId = useId();
  const set = (patch: Partial<SizeInputs>) => setInputs({ ...inputs, ...patch }, forCluster);
  const showV4 = inputs.stack !== 'IPv6' || compact;
  const showV6 = inputs.stack !== 'IPv4' || compact;
  return (
    <div className={`pl-inputs${compact ? ' compact' : ''}`}>
      <NumberField label="Nodes" value={inputs.nodes} onChange={(v) => set({ nodes: v })} />
      <NumberField
        label="Pods per node"
        hint="kubelet maxPods"
        value={inputs.podsPerNode}
        onChange={(v) => set({ podsPerNode: v })}
      />
      <NumberField
        label="Services"
        value={inputs.services}
        onChange={(v) => set({ services: v })}
      />
      {compact ? null : (
        <div className="pl-field">
          <span className="pl-field-label" id={`${baseId}-fam`}>
            IP families
          </span>
          <div className="seg" role="radiogroup" aria-labelledby={`${baseId}-fam`}>
            {STACKS.map((s) => (
              <label key={s.id}>
                <input
                  type="radio"
                  name={`${baseId}-stack`}
                  value={s.id}
                  checked={inputs.stack === s.id}
                  onChange={() => set({ stack: s.id })}
                />
                {s.label}
              </label>
            ))}
          </div>
          {inputs.stack === 'dual-stack' ? (
            <span className="pl-hint">IPv4 primary: Services without ipFamilies get IPv4.</span>
          ) : null}
        </div>
      )}
      {showV4 ? (
        <div className="pl-field">
          <label htmlFor={`${baseId}-v4`}>IPv4 blocks inside</label>
          <input
            id={`${baseId}-v4`}
            className="field-input"
            value={inputs.ipv4Base}
            spellCheck={false}
            onChange={(e) => set({ ipv4Base: e.target.value })}
          />
          <span className="pl-hint">A CIDR to stay inside, or a first address.</span>
        </div>
      ) : null}
      {showV6 ? (
        <div className="pl-field">
          <span className="pl-field-label" id={`${baseId}-ula`}>
            IPv6 ULA prefix
          </span>
          <span className="pl-ula">
            <output className="mono" aria-labelledby={`${baseId}-ula`}>
              {ulaPrefix(globalId) ?? '—'}
            </output>
            <button type="button" className="btn" onClick={() => setGlobalId(newGlobalId())}>
              New random ID
            </button>
          </span>
          <span className="pl-hint">fd00::/8 with a random 40-bit Global ID (RFC 4193).</span>
        </div>
      ) : null}
    </div>
  );
}
