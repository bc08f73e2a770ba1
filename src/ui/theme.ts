import { createContext, useContext } from 'react';

/** Display settings that never change during a session. */
export interface Theme {
  /** Colours on (off with `--no-color` or `NO_COLOR`). Bold and dim stay either way. */
  readonly color: boolean;
}

/** The theme of the running app (a stable value, never changing UI state). */
export const ThemeContext = createContext<Theme>({ color: false });

/** The current theme. */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** `color` when colours are on, else undefined (Ink then draws no colour). */
export function tint(theme: Theme, color: string): string | undefined {
  return theme.color ? color : undefined;
}
