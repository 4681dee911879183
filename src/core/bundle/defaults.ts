/**
 * The error taxonomy and severity scale a bundle gets when it names none. The
 * categories are the ones practitioners' review guides use for model outputs.
 */
export const DEFAULT_TAXONOMY = [
  {
    id: 'hallucination',
    label: 'Hallucination',
    description: 'States or cites something that does not exist: invented sources, APIs, quotes, people or events.',
  },
  {
    id: 'factual-error',
    label: 'Factual error',
    description: 'Gets a real, checkable fact wrong, or presents outdated information as current.',
  },
  {
    id: 'reasoning-error',
    label: 'Reasoning error',
    description: 'A wrong step in logic, maths or code, even when the final answer looks plausible.',
  },
  {
    id: 'instruction-not-followed',
    label: 'Instruction not followed',
    description: 'Ignores or breaks an explicit constraint of the prompt (length, format, audience, scope).',
  },
  {
    id: 'omission',
    label: 'Omission',
    description: 'Leaves out something the prompt asked for or a reader clearly needs.',
  },
  {
    id: 'unsafe',
    label: 'Unsafe or harmful',
    description: 'Advice or content that could cause harm if followed, or misses a necessary safety caveat.',
  },
  {
    id: 'formatting',
    label: 'Formatting',
    description: 'Broken or unhelpful structure: markup errors, wrong format, hard to read.',
  },
  {
    id: 'tone',
    label: 'Tone',
    description: 'Wrong register for the audience: condescending, overconfident, preachy or too casual.',
  },
] as const;

/** Ordered from least to most severe. */
export const DEFAULT_SEVERITIES = [
  { id: 'minor', label: 'Minor', description: 'A blemish; the response is still usable.' },
  { id: 'major', label: 'Major', description: 'A real problem; the response needs fixing before use.' },
  { id: 'critical', label: 'Critical', description: 'Wrong, harmful or unusable as it stands.' },
] as const;

export const DEFAULT_CRITIQUE_MIN_LENGTH = 80;
