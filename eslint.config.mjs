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
  {
    files: ["scripts/**", "tests/**", "e2e/**", "bench/**", "*.config.*", "env.ts", "proxy.ts", "instrumentation.ts", "**/*.test.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
  globalIgnores([".next/**", ".data/**", ".test-data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
]);
