// One colour per event type, stable across pages (order of first use in a sorted list).
const PALETTE = ['#d62728', '#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf',
  '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];
const assigned = new Map();

export function colorFor(type) {
  const key = type || 'Unknown';
  if (!assigned.has(key)) assigned.set(key, PALETTE[assigned.size % PALETTE.length]);
  return assigned.get(key);
}

export function seedColors(types) {
  for (const t of [...types].sort()) colorFor(t);
}
