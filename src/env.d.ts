/** True only in the test build (`vite build --mode test`): e2e and bench hooks; the production bundle has none. */
declare const __TEST_HOOKS__: boolean;
