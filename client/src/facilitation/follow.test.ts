import { describe, expect, it } from 'vitest';
import type { Participant } from '../sync/presence.ts';
import {
  followerCount,
  followStatus,
  sameViewport,
  sharedViewportOf,
  transformFor,
} from './follow.ts';
import { initials, orderPeople, splitFaces } from './people.ts';

const person = (
  clientId: number,
  name: string,
  change: Partial<Participant> = {},
): Participant => ({
  clientId,
  name,
  colour: '#1b998b',
  role: 'editor',
  cursor: null,
  selection: [],
  deleted: [],
  viewport: null,
  following: null,
  isSelf: false,
  ...change,
});

describe('follow me', () => {
  it('[follow/viewport] a follower on another screen size centres the same board point at the same zoom', () => {
    const leader = sharedViewportOf([-200, 100, 0.5], { width: 1440, height: 900 });
    expect(leader).toEqual({ centre: { x: 1840, y: 700 }, zoom: 0.5 });
    const phone = transformFor(leader, { width: 390, height: 844 });
    // The phone's centre shows the same board point.
    expect((195 - phone.x) / phone.zoom).toBeCloseTo(1840);
    expect((422 - phone.y) / phone.zoom).toBeCloseTo(700);
    expect(sharedViewportOf([phone.x, phone.y, phone.zoom], { width: 390, height: 844 })).toEqual(
      leader,
    );
  });

  it('[follow/same] moves under a screen pixel are not worth following', () => {
    const a = { centre: { x: 100, y: 100 }, zoom: 0.5 };
    expect(sameViewport(a, { centre: { x: 101, y: 100 }, zoom: 0.5 })).toBe(true);
    expect(sameViewport(a, { centre: { x: 103, y: 100 }, zoom: 0.5 })).toBe(false);
    expect(sameViewport(a, { centre: { x: 100, y: 100 }, zoom: 0.6 })).toBe(false);
    expect(sameViewport(null, a)).toBe(false);
    expect(sameViewport(null, null)).toBe(true);
  });

  it('[follow/state] following, the leader gone, nobody; who follows whom', () => {
    const viewport = { centre: { x: 1, y: 2 }, zoom: 1 };
    const people = [
      person(1, 'Ana', { role: 'facilitator', viewport }),
      person(2, 'Bob', { following: 1 }),
      person(3, 'Me', { isSelf: true, following: 1 }),
    ];
    expect(followStatus(people, null)).toEqual({ kind: 'none' });
    expect(followStatus(people, 1)).toEqual({ kind: 'following', leader: people[0], viewport });
    expect(followStatus(people, 9)).toEqual({ kind: 'gone' });
    expect(followStatus(people, 3)).toEqual({ kind: 'gone' });
    expect(followerCount(people, 1)).toBe(2);
  });
});

describe('who is here', () => {
  it('[people/order] this person first, then facilitators, then by name; "+N" past the faces shown', () => {
    const people = [
      person(5, 'Zoé'),
      person(4, 'Bea'),
      person(3, 'Ana', { role: 'facilitator' }),
      person(9, 'Me', { isSelf: true }),
      ...Array.from({ length: 96 }, (_, index) => person(100 + index, `P${index}`)),
    ];
    const ordered = orderPeople(people);
    expect(ordered.slice(0, 4).map((entry) => entry.name)).toEqual(['Me', 'Ana', 'Bea', 'P0']);
    const { faces, more } = splitFaces(ordered, 5);
    expect(faces).toHaveLength(5);
    expect(more).toBe(95);
    // "+1" would take a face's room: the sixth face is shown instead.
    expect(splitFaces(ordered.slice(0, 6), 5)).toEqual({ faces: ordered.slice(0, 6), more: 0 });
  });

  it('[people/initials] one or two letters, emoji-safe', () => {
    expect(initials('Ana Lima')).toBe('AL');
    expect(initials('  bob ')).toBe('B');
    expect(initials('😀 party')).toBe('😀P');
    expect(initials('')).toBe('?');
  });
});
