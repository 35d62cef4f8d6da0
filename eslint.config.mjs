// Lint: typescript-eslint's type-aware recommended rules over every TypeScript file of the
// project (sources, examples, tools and tests). Formatting is prettier's (`npm run format`).
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
  },
);
