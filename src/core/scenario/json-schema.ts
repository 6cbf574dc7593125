/**
 * The JSON Schema of the scenario format, generated from the zod schema (the one source of
 * truth) with zod 4's `z.toJSONSchema`. `npm run schema` writes it to docs/scenario.schema.json;
 * a test fails when the committed file differs from a fresh generation.
 */
import { z } from 'zod';
import { SCENARIO_VERSION, ScenarioSchema } from '../model/schema';

export const SCENARIO_SCHEMA_ID = `urn:packetwalk:scenario:${SCENARIO_VERSION}`;

export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ScenarioSchema, { target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  const out: Record<string, unknown> = {
    $schema: generated.$schema,
    $id: SCENARIO_SCHEMA_ID,
    title: 'Packetwalk scenario',
    description: `A Packetwalk scenario, version ${SCENARIO_VERSION}: networks, Kubernetes clusters (nodes, pods, Services, Ingresses, gateways), outside hosts and the network model that joins them. Field names follow the Kubernetes API. See docs/scenario-format.md.`,
  };
  for (const [key, value] of Object.entries(generated)) {
    if (key in out) continue;
    out[key] =
      key === 'properties'
        ? {
            // Lets an editor find this schema; readers ignore it.
            $schema: { type: 'string', description: 'Where the JSON Schema of this file is.' },
            ...(value as Record<string, unknown>),
          }
        : value;
  }
  return out;
}

/** The text of docs/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
