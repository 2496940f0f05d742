import { describe, expect, it } from 'vitest';
import { parseFeed } from './gtfs-feed.js';

const good = (): Record<string, string> => ({
  'agency.txt': 'agency_id,agency_name,agency_url,agency_timezone\nA,Rail,http://x,Asia/Shanghai\n',
  'stops.txt': 'stop_id,stop_name\ns1,甲\ns2,乙\ns3,丙\n',
  'trips.txt': 'route_id,service_id,trip_id,trip_short_name\nr,daily,t1,k149\nr,daily,t2,\n',
  'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,23:00:00,23:00:00,s1,1\nt1,24:10:00,24:15:00,s2,2\nt1,25:30:00,,s3,3\nt2,08:00:00,08:00:00,s1,1\nt2,09:00:00,09:00:00,s2,2\n',
  'calendar_dates.txt': 'service_id,date,exception_type\ndaily,20261201,1\n',
});

describe('parseFeed', () => {
  it('reads a feed with calendar_dates only, train numbers and times past 24:00', () => {
    const r = parseFeed(good());
    expect(r.problems).toEqual([]);
    expect(r.feed!.agencyTimezone).toBe('Asia/Shanghai');
    expect(r.feed!.trips.map((t) => t.trainNo)).toEqual(['K149', 'T2']);
    expect(r.feed!.stopTimes.filter((s) => s.tripId === 't1').map((s) => [s.arrivalS, s.departureS])).toEqual([
      [82800, 82800],
      [87000, 87300],
      [91800, 91800],
    ]);
  });

  it('collects every problem with file and line and returns no feed', () => {
    const files = good();
    files['stop_times.txt'] = 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,08:00:00,08:00:00,s1,1\nt1,07:00:00,07:10:00,s2,2\nt1,9:99:00,10:00:00,nope,3\nt2,08:00:00,08:00:00,s1,1\nt2,09:00:00,09:00:00,s2,1\nt9,09:00:00,09:00:00,s2,1\n';
    files['trips.txt'] = 'service_id,trip_id\ndaily,t1\nnever,t2b\ndaily,t2\n';
    delete files['stops.txt'];
    const r = parseFeed(files);
    expect(r.feed).toBeNull();
    const at = r.problems.map((p) => `${p.file}:${p.line}`);
    expect(at).toEqual(expect.arrayContaining(['stops.txt:null', 'trips.txt:3', 'stop_times.txt:3', 'stop_times.txt:4', 'stop_times.txt:6', 'stop_times.txt:7']));
    expect(r.problems.find((p) => p.line === 4)!.message).toMatch(/arrival_time "9:99:00"|stop_id "nope"/);
  });

  it('requires columns and a calendar', () => {
    const files = good();
    delete files['calendar_dates.txt'];
    files['stops.txt'] = 'stop_id\ns1\n';
    const r = parseFeed(files);
    expect(r.problems).toEqual(expect.arrayContaining([
      { file: 'stops.txt', line: 1, message: 'missing column(s) stop_name' },
      { file: 'calendar.txt', line: null, message: expect.stringMatching(/calendar_dates/) },
    ]));
  });

  it('rejects an unknown time zone', () => {
    const files = good();
    files['agency.txt'] = 'agency_timezone\nMars/Olympus\n';
    expect(parseFeed(files).problems[0]).toMatchObject({ file: 'agency.txt', line: 2 });
  });
});
