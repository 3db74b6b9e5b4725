import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import pluginQuery from "@tanstack/eslint-plugin-query";

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
    // The simulator is a second, independent speaker of FleetUp's protocol: when the adapter
    // passes against it, that proves something only if neither borrows the other's code.
    files: ["sim/**/*.ts"],
    ignores: ["sim/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/**", "../lib/**", "../../lib/**"],
              message: "sim/ never imports lib/: it must speak FleetUp's protocol on its own.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/sim/**", "../sim/**", "../../sim/**", "../../../sim/**"],
              message: "lib/ never imports sim/: tests reach the simulator over HTTP only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Browser code fades and ages fixes by the thresholds the server sends in the snapshot. (A
    // later block's rule replaces an earlier one's, so this one repeats the sim/ wall.)
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
          patterns: [
            {
              group: ["@/sim/**", "../sim/**", "../../sim/**", "../../../sim/**"],
              message: "lib/ never imports sim/: tests reach the simulator over HTTP only.",
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
