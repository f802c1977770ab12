import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * tools/ensure-promtool.sh (run by `npm test` before anything else), against stand-ins for the system
 * commands: a PATH of stubs that record their calls, so nothing is installed for real.
 */
const SCRIPT = path.join(__dirname, '..', '..', 'tools', 'ensure-promtool.sh');
const REAL_TOOLS = ['sh', 'chmod', 'rm', 'env', 'head', 'tail'];

interface Machine {
  /** `uname -s`. */
  os: 'Linux' | 'Darwin';
  /** `id -u`. */
  uid: number;
  /** Which of the commands exist. */
  has: Array<'promtool' | 'apt-get' | 'brew' | 'sudo'>;
  /** Whether installing really provides promtool. */
  installWorks?: boolean;
  /** Whether sudo runs without a password. */
  sudoWithoutPassword?: boolean;
  /** Whether policy-rc.d exists beforehand. */
  guardExists?: boolean;
}

function run(machine: Machine): { status: number | null; stderr: string; calls: string[]; guardAfter: boolean } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-promtool-'));
  try {
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'calls.log');
    const guard = path.join(dir, 'policy-rc.d');
    fs.mkdirSync(bin);
    for (const tool of REAL_TOOLS) {
      const real = ['/bin', '/usr/bin'].map((d) => path.join(d, tool)).find((p) => fs.existsSync(p));
      if (!real) throw new Error(`${tool} not found in /bin or /usr/bin`);
      fs.symlinkSync(real, path.join(bin, tool));
    }
    const stub = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    const promtoolStub = `#!/bin/sh\necho "promtool, version 2.42.0"\n`;
    stub('uname', `echo ${machine.os}`);
    stub('id', `echo ${machine.uid}`);
    if (machine.has.includes('promtool')) fs.writeFileSync(path.join(bin, 'promtool'), promtoolStub, { mode: 0o755 });
    const install = machine.installWorks === false ? '' : `printf '${promtoolStub.replace(/\n/g, '\\n')}' > ${bin}/promtool; chmod +x ${bin}/promtool`;
    if (machine.has.includes('apt-get')) {
      // Records whether policy-rc.d forbids service start-up (exit 101) while apt-get runs.
      stub('apt-get', `guard=none; [ -x ${guard} ] && guard="$(tail -n 1 ${guard})"
echo "apt-get $* [frontend=$DEBIAN_FRONTEND] [policy-rc.d: $guard]" >> ${log}
case "$1" in install) ${install} ;; esac`);
    }
    if (machine.has.includes('brew')) stub('brew', `echo "brew $*" >> ${log}\n${install}`);
    if (machine.has.includes('sudo')) {
      stub('sudo', `if [ "$1" = -n ]; then ${machine.sudoWithoutPassword ? 'exit 0' : 'exit 1'}; fi\necho "sudo $1" >> ${log}\nexec "$@"`);
    }
    if (machine.guardExists) fs.writeFileSync(guard, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const result = spawnSync('/bin/bash', [SCRIPT], {
      env: { PATH: bin, PROMTOOL_POLICY_RC_D: guard }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
    return { status: result.status, stderr: result.stderr, calls, guardAfter: fs.existsSync(guard) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const APT_INSTALL = 'apt-get install -y -qq --no-install-recommends prometheus [frontend=noninteractive]';

test('does nothing when promtool is there', () => {
  expect(run({ os: 'Linux', uid: 0, has: ['promtool', 'apt-get'] })).toEqual({ status: 0, stderr: '', calls: [], guardAfter: false });
});

test('as root on Debian: installs the prometheus package with service start-up forbidden, then removes the guard', () => {
  const result = run({ os: 'Linux', uid: 0, has: ['apt-get'] });
  expect(result.calls).toEqual(['apt-get update -qq [frontend=] [policy-rc.d: exit 101]', `${APT_INSTALL} [policy-rc.d: exit 101]`]);
  expect(result.status).toBe(0);
  expect(result.stderr).toContain("installing Debian's prometheus package (apt-get install -y --no-install-recommends prometheus; its service is not started)");
  expect(result.stderr).toContain('promtool, version 2.42.0');
  expect(result.guardAfter).toBe(false);
});

test('an existing policy-rc.d is left as it is', () => {
  const result = run({ os: 'Linux', uid: 0, has: ['apt-get'], guardExists: true });
  expect(result.status).toBe(0);
  expect(result.calls).toEqual(['apt-get update -qq [frontend=] [policy-rc.d: exit 0]', `${APT_INSTALL} [policy-rc.d: exit 0]`]);
  expect(result.guardAfter).toBe(true);
});

test('as a user with sudo: installs through sudo', () => {
  const result = run({ os: 'Linux', uid: 1000, has: ['apt-get', 'sudo'], sudoWithoutPassword: true });
  expect(result.status).toBe(0);
  expect(result.calls.filter((c) => c.startsWith('sudo '))).toEqual(['sudo sh', 'sudo apt-get', 'sudo env', 'sudo rm']);
  expect(result.calls.some((c) => c.startsWith(APT_INSTALL))).toBe(true);
});

test('stops before installing anything where it cannot, with the one command to run', () => {
  const noSudo = run({ os: 'Linux', uid: 1000, has: ['apt-get'] });
  expect(noSudo).toEqual(expect.objectContaining({ status: 1, calls: [] }));
  expect(noSudo.stderr).toContain('as root, run: apt-get install -y --no-install-recommends prometheus');
  const passwordNeeded = run({ os: 'Linux', uid: 1000, has: ['apt-get', 'sudo'], sudoWithoutPassword: false });
  expect(passwordNeeded).toEqual(expect.objectContaining({ status: 1, calls: [] }));
  expect(passwordNeeded.stderr).toContain('sudo needs a password here; run: sudo apt-get install -y --no-install-recommends prometheus');
  const otherLinux = run({ os: 'Linux', uid: 0, has: [] });
  expect(otherLinux.status).toBe(1);
  expect(otherLinux.stderr).toContain("install Prometheus's promtool");
  const macWithoutBrew = run({ os: 'Darwin', uid: 501, has: [] });
  expect(macWithoutBrew.status).toBe(1);
  expect(macWithoutBrew.stderr).toContain('install Homebrew, then run: brew install prometheus');
});

test('on macOS with Homebrew: brew install prometheus', () => {
  const result = run({ os: 'Darwin', uid: 501, has: ['brew', 'apt-get'] });
  expect(result).toEqual(expect.objectContaining({ status: 0, calls: ['brew install prometheus'] }));
});

test('fails when the installation did not bring promtool', () => {
  const result = run({ os: 'Linux', uid: 0, has: ['apt-get'], installWorks: false });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('the installation finished, but promtool is still not on PATH');
  expect(result.guardAfter).toBe(false);
});
