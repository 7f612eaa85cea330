// Commander's accumulator for options that may be given more than once (-f a -f b).
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
