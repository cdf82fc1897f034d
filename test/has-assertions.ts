// Every test must assert something: a test that asserts nothing fails.
beforeEach(() => {
  expect.hasAssertions();
});
