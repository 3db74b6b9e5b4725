"use client";

import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { Theme } from "@/lib/queries/url-state";

const STORAGE_KEY = "fleet-live-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribe(onChange: () => void) {
  const media = window.matchMedia(DARK_QUERY);
  media.addEventListener("change", onChange);
  window.addEventListener("storage", onChange);
  window.addEventListener("fleet-live-theme", onChange);
  return () => {
    media.removeEventListener("change", onChange);
    window.removeEventListener("storage", onChange);
    window.removeEventListener("fleet-live-theme", onChange);
  };
}

function preferred(): Theme {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored === "dark" || stored === "light") return stored;
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

/**
 * Light or dark: the link's ?theme= first, then the person's saved choice, then the system's.
 * Applied as the "dark" class on <html> (the Tailwind dark variant in app/globals.css).
 */
export function useTheme(
  urlTheme: Theme | undefined,
  setUrlTheme: (theme: Theme) => void,
): [Theme, (theme: Theme) => void] {
  const saved = useSyncExternalStore(subscribe, preferred, () => "light" as const);
  const theme = urlTheme ?? saved;
  useEffect(
    function applyTheme() {
      document.documentElement.classList.toggle("dark", theme === "dark");
      document.documentElement.style.colorScheme = theme;
    },
    [theme],
  );
  const setTheme = useCallback(
    (next: Theme) => {
      window.localStorage.setItem(STORAGE_KEY, next);
      window.dispatchEvent(new Event("fleet-live-theme"));
      setUrlTheme(next);
    },
    [setUrlTheme],
  );
  return [theme, setTheme];
}
