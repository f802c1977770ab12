import { closest, editDistance, suggestion } from '../../lib/config/suggest';

describe('did you mean', () => {
  test('one edit, a swap of neighbours, case and separators are small differences', () => {
    expect(editDistance('capabilty', 'capability')).toBe(1);
    expect(editDistance('reqeusts', 'requests')).toBe(1);
    expect(closest('numaaware', ['numa-aware', 'nodeorder'])).toBe('numa-aware');
    expect(closest('grafanaURL', ['grafanaUrl', 'runbookUrlPattern'])).toBe('grafanaUrl');
  });

  test('short words allow one edit only, and nothing far is suggested', () => {
    expect(closest('bach', ['batch', 'interactive'])).toBe('batch');
    expect(closest('gpu', ['cpu', 'memory'])).toBe('cpu');
    expect(closest('drf', ['proportion', 'capacity'])).toBeUndefined();
    expect(closest('data-science', ['agent-runtime', 'data-platform'])).toBeUndefined();
  });

  test('the closest wins, ties go to the earlier candidate, the word itself is never suggested', () => {
    expect(closest('enable', ['enabled', 'enables'])).toBe('enabled');
    expect(closest('Never', ['Never', 'never'])).toBe('never');
  });

  test('without a close candidate the message lists the known ones', () => {
    expect(suggestion('enable', ['name', 'enabled'])).toBe('; did you mean "enabled"?');
    expect(suggestion('drf', ['proportion', 'capacity'])).toBe('; known: proportion, capacity');
    expect(suggestion('x', [])).toBe('');
  });
});
