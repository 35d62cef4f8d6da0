// The real-engine tests run `pulumi` several times each.
jest.setTimeout(180000);
