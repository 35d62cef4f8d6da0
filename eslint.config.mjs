// Lint: typescript-eslint's type-aware recommended rules over every TypeScript file of the
// project (sources, examples, tools and tests); JavaScript files (configs, the e2e setup) are
// not linted. Formatting is prettier's (`npm run format`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "**/*.js", "**/*.mjs", "examples/**/node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore marks a value left out on purpose (`const { __provider: _, ...rest }`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read untyped JSON bodies (`any`) of the store's answers and state files; a wrong
      // shape fails the assertion on it, so typing each body would add nothing.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      // Stubs and fakes implement async interfaces without awaiting anything.
      "@typescript-eslint/require-await": "off",
      // Tests load modules at a chosen moment (a fresh copy, after mocks or env are in place).
      "@typescript-eslint/no-require-imports": "off",
      // `expect(obj.method)` and jest's mocks pass methods around unbound on purpose.
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
