/** Kept in step with package.json by tests/version.test.ts. */
export const TOOL_NAME = 'isms-as-code';
export const TOOL_VERSION = '0.1.0';
export const TOOL_URL = 'https://github.com/isms-as-code/isms-as-code';
