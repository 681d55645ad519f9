/** Joining (cursive) position of a letter. */
export type Position = 'isol' | 'init' | 'medi' | 'fina';

/** One variant of a letter at a position, as the UTN data describes it. */
export interface VariantData {
  /** The FVS number that selects it (0: reachable only by default or by a condition). */
  readonly fvs: number;
  /** Written units drawn, e.g. ['A', 'A']. */
  readonly units: readonly string[];
  /** Position the glyph is drawn in (an isolated N is drawn as the initial form). */
  readonly graphic: Position;
  /** Shaping conditions (chachlag, marked, onset…) that select it. */
  readonly conditions: readonly string[];
  readonly isDefault: boolean;
}

export interface LetterData {
  readonly alias: string;
  readonly codePoint: number;
  readonly category: 'vowelMasculine' | 'vowelFeminine' | 'vowelNeuter' | 'consonant' | 'other';
  readonly positions: Partial<Record<Position, readonly VariantData[]>>;
}
