/** The case helpers node-plop offers, as pure functions over ASCII identifiers. */
function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

export const kebabCase = (v: string): string => words(v).join('-');
export const snakeCase = (v: string): string => words(v).join('_');
export const constantCase = (v: string): string => snakeCase(v).toUpperCase();
export const pascalCase = (v: string): string => words(v).map(capitalise).join('');
export const camelCase = (v: string): string => {
  const p = pascalCase(v);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
