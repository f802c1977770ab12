import { isLabelKey, isLabelValue, isResourceName } from '../../lib/config/names';

describe('label keys and values', () => {
  test.each(['app', 'app.kubernetes.io/name', 'volcano-platform.io/tenant', 'a_b.c', 'X'])('%p is a label key', (key) => {
    expect(isLabelKey(key)).toBe(true);
  });

  test.each(['', '/app', 'a/b/c', 'Example.com/app', '-app', 'app-', `${'a'.repeat(64)}`, 'a b'])('%p is not a label key', (key) => {
    expect(isLabelKey(key)).toBe(false);
  });

  test.each(['', 'restricted', 'v1.30', 'A_b-c', 'a'.repeat(63)])('%p is a label value', (value) => {
    expect(isLabelValue(value)).toBe(true);
  });

  test.each(['-a', 'a-', 'a/b', 'a b', 'a'.repeat(64)])('%p is not a label value', (value) => {
    expect(isLabelValue(value)).toBe(false);
  });

  test('resource names follow the label key form', () => {
    expect(['cpu', 'nvidia.com/gpu', 'requests.cpu'].every(isResourceName)).toBe(true);
    expect(['nvidia.com/', 'a/b/c', 'NVIDIA.com/gpu'].some(isResourceName)).toBe(false);
  });
});
