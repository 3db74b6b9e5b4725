import { fileURLToPath } from "node:url";
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import pluginQuery from "@tanstack/eslint-plugin-query";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

/** Code that runs in the browser. app/ mixes both sides; its client files are named here. */
const BROWSER = [
  "components",
  "lib/queries",
  "lib/fleet",
  "app/**/error.tsx", // Next.js error boundaries are always client components
  "app/global-error.tsx",
  "app/sign-in/sign-in-form.tsx",
];

/** Helpers that exist only for tests: e2e/support/ (docs/architecture.md), and the simulator's own. */
const TEST_SUPPORT = ["e2e/**", "sim/test-support.ts"];

/** Tests and what runs them; they may import test support. */
const TESTS = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "bench/**",
  "scripts/test-gate.ts",
  "scripts/test-at-hours.ts",
  "scripts/leak-check.ts",
  "playwright.config.ts",
  "vitest.config.ts",
  "vitest.global-setup.ts",
  "vitest.server-only.ts",
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs["flat/recommended"],
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@tanstack/query/prefer-query-options": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through lib/env.ts (env.X), not process.env.",
        },
      ],
    },
  },
  {
    // Build tools, CLIs, the simulator and the config parser itself read process.env directly.
    files: [
      "lib/env.ts",
      "scripts/**",
      "sim/**",
      "bench/**",
      "e2e/**",
      "*.config.*",
      "instrumentation.ts",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // The walls (docs/architecture.md). import/no-restricted-paths resolves every import to its
    // file, so a wall holds however the path is spelt (alias or relative), and `import type`
    // counts: a type a browser file needs lives in an isomorphic module (lib/fleet/).
    // Tests, bench and test support may cross them: they never ship, and a test may check that
    // both sides of a wall agree.
    ignores: [...TESTS, ...TEST_SUPPORT],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          basePath: ROOT,
          zones: [
            {
              target: BROWSER,
              from: ["lib/fleetup", "lib/live", "lib/auth", "lib/db"],
              message:
                "Browser code never imports server-only code, types included: move what both sides need to an isomorphic module (lib/fleet/).",
            },
            {
              target: "sim",
              from: "lib",
              message:
                "sim/ never imports lib/: the simulator is a second, independent speaker of FleetUp's protocol, so the adapter passing against it proves something.",
            },
            {
              target: ["app", "components", "lib", "scripts", "proxy.ts", "instrumentation.ts"],
              from: "sim",
              message: "The app never imports sim/: tests reach the simulator over HTTP only.",
            },
            {
              target: ".",
              // The rule takes folders and files, not globs: "e2e/**" is the folder "e2e".
              from: TEST_SUPPORT.map((glob) => glob.replace(/\/\*\*$/, "")),
              message: "Only tests, bench and test support import e2e/ or test support.",
            },
          ],
        },
      ],
    },
  },
  {
    // Browser code fades and ages fixes by the thresholds the server sends in the snapshot.
    files: ["components/**", "lib/queries/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/fleet/status",
              importNames: ["DEFAULT_STATUS_THRESHOLDS"],
              message:
                "Use the thresholds the server sends (snapshot.thresholds): STATUS_OLD_FIX_S and STATUS_OFFLINE_AFTER_S are the server's settings, not browser constants.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures receive a callback named `use`, which is not React's `use` hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
  ]),
]);
