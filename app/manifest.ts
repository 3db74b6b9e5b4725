import type { MetadataRoute } from "next";
import { APP_COLORS } from "@/components/ui/app-colors";

/**
 * The web app manifest (/manifest.webmanifest, linked from every page), so a tablet or a desktop
 * can install the dashboard as an app of its own. Public, like the icons it names: a browser
 * fetches them without cookies. The PNGs are drawn from the SVGs by scripts/make-icons.ts.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: "/",
    name: "Fleet Live",
    short_name: "Fleet Live",
    description: "Where every vehicle is, right now.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: APP_COLORS.light.page,
    theme_color: APP_COLORS.light.bar,
    icons: [
      { src: "/icons/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      {
        src: "/icons/icon-maskable-512.png",
        sizes: "512x512",
        type: "image/png",
        purpose: "maskable",
      },
    ],
  };
}
