/** The bundle's stand-in for Ink's Output (scripts/ink-output.mjs). */
export default class Output {
  constructor(options: { width: number; height: number });
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
