import { Badge, createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Mantine's defaults with the shades that keep text at WCAG AA (4.5:1) in both schemes; the axe scan checks it. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  // Filled badges and buttons pick black or white text by the fill's luminance.
  autoContrast: true,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    // Type names and tags are data: read as written (the browser tests compare them too) and never cut short with an
    // ellipsis, which in a narrow table column left one letter of the type; a long one wraps at its spaces instead.
    Badge: Badge.extend({
      styles: {
        root: { textTransform: 'none', height: 'auto', minHeight: 'var(--badge-height)', overflow: 'visible' },
        label: { overflow: 'visible', whiteSpace: 'normal', overflowWrap: 'break-word', textOverflow: 'clip' },
      },
    }),
  },
});

/** The default dimmed, anchor and error colours fall below 4.5:1 on the body colour: one shade further. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-3)',
    '--mantine-color-error': 'var(--mantine-color-red-4)',
  },
});
