import { describe, expect, it } from 'vitest';
import { flowLabel } from './labels';
import { readNotesMessage } from './notesChannel';
import { workshopKey } from './presenter';

const presenting = { presenting: true, inLesson: true, asking: false, choices: 0 };

describe('workshopKey', () => {
  it('steps on with Right, Space, Page Down and back with Left, Page Up while presenting', () => {
    for (const k of ['ArrowRight', ' ', 'PageDown', 'ArrowDown']) {
      expect(workshopKey(k, presenting)).toBe('next');
    }
    for (const k of ['ArrowLeft', 'PageUp', 'ArrowUp']) {
      expect(workshopKey(k, presenting)).toBe('back');
    }
    expect(workshopKey('Escape', presenting)).toBe('leave');
    expect(workshopKey('x', presenting)).toBeNull();
  });

  it('leaves the arrows and Space to the app outside presenter mode, not a clicker’s pages', () => {
    const learning = { ...presenting, presenting: false };
    expect(workshopKey('ArrowRight', learning)).toBeNull();
    expect(workshopKey(' ', learning)).toBeNull();
    expect(workshopKey('Escape', learning)).toBeNull();
    expect(workshopKey('PageDown', learning)).toBe('next');
    expect(workshopKey('PageUp', learning)).toBe('back');
    expect(workshopKey('PageDown', { ...learning, inLesson: false })).toBeNull();
  });

  it('answers a waiting challenge with the number keys, within its choices', () => {
    const asking = { ...presenting, asking: true, choices: 3 };
    expect(workshopKey('1', asking)).toEqual({ answer: 0 });
    expect(workshopKey('3', asking)).toEqual({ answer: 2 });
    expect(workshopKey('4', asking)).toBeNull();
    expect(workshopKey('2', presenting)).toBeNull();
  });
});

describe('readNotesMessage', () => {
  it('accepts our messages and repairs a state’s fields', () => {
    expect(readNotesMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(readNotesMessage({ type: 'command', command: 'next' })).toEqual({
      type: 'command',
      command: 'next',
    });
    const m = readNotesMessage({
      type: 'state',
      state: { lessonId: 'island', step: -2, hop: 3.5, hops: 7, theme: 'dark', asking: 'yes' },
    });
    expect(m).toEqual({
      type: 'state',
      state: {
        lessonId: 'island',
        step: 0,
        finished: false,
        hop: 0,
        hops: 7,
        seed: 0,
        theme: 'dark',
        asking: false,
      },
    });
  });

  it('ignores anything else on the channel', () => {
    expect(readNotesMessage(null)).toBeNull();
    expect(readNotesMessage('next')).toBeNull();
    expect(readNotesMessage({ type: 'command', command: 'rm -rf' })).toBeNull();
    expect(readNotesMessage({ type: 'state' })).toBeNull();
  });
});

describe('flowLabel', () => {
  it('names both ends as the diagram does, brackets an IPv6 endpoint with a port', () => {
    expect(
      flowLabel({
        from: { kind: 'host', name: 'other' },
        to: { kind: 'node', cluster: 'c1', name: 'node1', port: 30080 },
      }),
    ).toBe('other to c1 NodePort node1:30080');
    expect(
      flowLabel({
        from: { kind: 'ip', ip: '2001:db8:ffff::7' },
        to: { kind: 'svc', name: 'kube-dns', port: 53 },
        protocol: 'UDP',
      }),
    ).toBe('2001:db8:ffff::7 to Service kube-dns:53 (UDP)');
    expect(
      flowLabel({
        from: { kind: 'pod', name: 'a' },
        to: { kind: 'ip', ip: '2001:db8::1', port: 80 },
      }),
    ).toBe('a to [2001:db8::1]:80');
  });
});
