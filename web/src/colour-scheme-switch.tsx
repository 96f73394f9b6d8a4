import { SegmentedControl, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';

const SCHEMES: Array<{ value: MantineColorScheme; label: string }> = [
  { value: 'auto', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Light, dark, or as the system says (the default); Mantine keeps the choice in this browser's localStorage. */
export function ColourSchemeSwitch() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      // Switched at once: a label still fading to the new scheme's colour reads too faint meanwhile.
      transitionDuration={0}
      aria-label="Colour scheme"
      name="colour-scheme"
      data={SCHEMES}
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
    />
  );
}
