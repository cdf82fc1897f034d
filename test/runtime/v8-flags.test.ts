/**
 * `npm test` runs jest with V8 flags of its own (scripts/test.js, JEST_V8_FLAGS) and says which in
 * CDK8S_SELDON_JEST_V8_FLAGS: the worker running this file must have inherited every one of them. Under a bare
 * `npx jest` neither is set, and the worker's own flags are then the only ones it has.
 */
test('the jest worker runs with the V8 flags npm test gives jest', () => {
  const given = (process.env.CDK8S_SELDON_JEST_V8_FLAGS ?? '').split(' ').filter(f => f !== '');
  const running = process.execArgv.filter(f => given.includes(f));
  expect(running).toEqual(given);
  if (process.env.npm_lifecycle_event === 'test') expect(given).toContain('--interrupt-budget=1081344');
});
