// `--name value` command-line options of the scripts, as positive integers.
export function intOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} needs a whole number, got "${process.argv[i + 1] ?? ''}".`);
    process.exit(1);
  }
  return value;
}

export function hasFlag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}
