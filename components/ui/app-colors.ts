/**
 * The app's page and bar colours (Tailwind's slate-50/white and slate-950/900), for what the
 * browser paints before any CSS: the manifest's splash screen and the theme-color of the
 * address bar or title bar, in light and dark.
 */
export const APP_COLORS = {
  light: { page: "#f8fafc", bar: "#ffffff" },
  dark: { page: "#020617", bar: "#0f172a" },
} as const;
