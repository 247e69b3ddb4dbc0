import {
  createTheme,
  type CSSVariablesResolver,
  defaultVariantColorsResolver,
  MantineProvider,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import '../common/i18n';

// Text of light and subtle variants (badges, quiet buttons) in shade 9, readable on their tint.
const readableVariants: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light' && input.variant !== 'subtle') return colors;
  const parsed = parseThemeColor({
    color: input.color ?? input.theme.primaryColor,
    theme: input.theme,
  });
  if (!parsed.isThemeColor || parsed.shade !== undefined) return colors;
  // The light hues' darkest shades are still too light on their own tint: those read in near-black.
  const text = ['yellow', 'orange', 'lime', 'green', 'teal', 'cyan'].includes(parsed.color)
    ? 'var(--mantine-color-dark-8)'
    : `var(--mantine-color-${parsed.color}-9)`;
  return {
    ...colors,
    color: text,
    hoverColor: text,
    ...(input.variant === 'subtle' && { hover: `var(--mantine-color-${parsed.color}-1)` }),
  };
};

// Shade 8 and a darker "dimmed" keep text at WCAG AA contrast (4.5:1) on white.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  variantColorResolver: readableVariants,
  fontFamily:
    "'Noto Sans KR', 'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', system-ui, sans-serif",
  headings: { fontFamily: "'Noto Sans KR', 'Noto Sans CJK KR', system-ui, sans-serif" },
  components: {
    // A closed list is not in the page: Mantine keeps it mounted (hidden) by default, and each one
    // then measures its position while the page is first drawn, forcing a style recalculation of
    // the whole page (a tenth of a second on the catalog, with its three selects).
    // A plain object, not Combobox.extend: that import would bring the combobox and its popover
    // code into the catalog's first bundle, which draws no combobox.
    Combobox: { defaultProps: { keepMounted: false } },
  },
});

const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});

// Toasts: their code is not needed to draw the first page.
const Notifications = lazy(() =>
  import('@mantine/notifications').then((m) => ({ default: m.Notifications })),
);
/** Toasts, once the page is idle: not drawn on the server, nor while the app takes its page over. */
function Toasts() {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const id = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }, []);
  return idle ? (
    <Suspense>
      <Notifications position="top-right" />
    </Suspense>
  ) : null;
}

/** Around the router, the same in the browser (main.tsx) and on the server (entry-server.tsx). */
export function App({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <Toasts />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
