import { singleCluster } from '../lessons/presets/network-models';

export function App() {
  const s = singleCluster;
  return (
    <main>
      <h1>Packetwalk</h1>
      <h2>{s.name}</h2>
      {s.networks.map((n) => (
        <p key={n.name}>
          Network {n.name}: {n.cidrs.join(', ')}
        </p>
      ))}
      {s.clusters.map((c) => (
        <section key={c.name} aria-label={`Cluster ${c.name}`}>
          <h3>Cluster {c.name}</h3>
          <p>Cluster CIDR: {c.clusterCIDRs.map((b) => b.cidr).join(', ')}</p>
          <ul>
            {c.nodes.map((n) => (
              <li key={n.name}>
                {n.name} {n.addresses.map((a) => a.address).join(', ')} pod range{' '}
                {(n.podCIDRs ?? []).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
