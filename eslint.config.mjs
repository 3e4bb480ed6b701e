import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read configuration through env.ts (tool configs, scripts and tests are exempt).",
        },
      ],
    },
  },
  // Layers: lib/ holds pure rules and imports nothing from db/, app/ or components/; components/ take
  // data shapes (types) from db/ queries but import no code from it.
  {
    files: ["lib/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*", "@/app/*", "@/components/*", "**/db/*", "**/app/*", "**/components/*"], message: "lib/ is pure: it imports nothing from db/, app/ or components/." }] },
      ],
    },
  },
  {
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*", "**/db/*"], allowTypeImports: true, message: "Components import no code from db/ (types of its query results only)." }] },
      ],
    },
  },
  {
    files: ["scripts/**", "tests/**", "e2e/**", "bench/**", "*.config.*", "env.ts", "proxy.ts", "instrumentation.ts", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  globalIgnores([".next/**", ".data/**", ".test-data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
