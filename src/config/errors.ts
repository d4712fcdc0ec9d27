// The one error type configuration loading throws: it always names the file, and the rule and field when known.

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly ruleId?: string,
    readonly field?: string,
  ) {
    const where = [file, ruleId, field].filter(Boolean).join(': ');
    super(where ? `${where}: ${message}` : message);
    this.name = 'ConfigError';
  }
}
