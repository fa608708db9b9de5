import { describe, expect, it } from '@jest/globals';
import { evaluateCheck } from '../../../src/core/grading/checks.js';
import { cronDifferences, parseCron } from '../../../src/core/grading/cron.js';
import type { KubeObject } from '../../../src/core/grading/reader.js';
import { fakeReader } from './fake-reader.js';

const cronJob = (schedule: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'report', namespace: 'batch-1' },
  spec: { schedule, concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } }, ...extra },
});

const verify = (objects: KubeObject[]) =>
  evaluateCheck({ id: 'v', title: 'v', points: 2, spec: { verifier: { name: 'cronJobSchedule', params: { namespace: 'batch-1', name: 'report', schedule: '*/5 * * * *' } } } }, fakeReader({ objects }));

describe('parseCron', () => {
  it('expands steps, ranges, lists, names and descriptors as the CronJob controller does', () => {
    const every5 = parseCron('*/5 * * * *');
    expect(every5.minutes).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(every5.hours).toHaveLength(24);
    for (const same of ['0-59/5 * * * *', '0/5 * * * *', '0,5,10,15,20,25,30,35,40,45,50,55 * * * *', '  */5  0-23 1-31 JAN-DEC ?  ', '*/5 * * * 0-6', '*/5 * 1-31 * sun-sat']) {
      expect({ same, differences: cronDifferences(parseCron(same), every5) }).toEqual({ same, differences: [] });
    }
    expect(cronDifferences(parseCron('@hourly'), parseCron('0 * * * *'))).toEqual([]);
    expect(cronDifferences(parseCron('@weekly'), parseCron('0 0 * * SUN'))).toEqual([]);
  });

  it('ORs a restricted day of month with a restricted day of week, and ANDs them when one is *', () => {
    const either = parseCron('0 0 1 * MON');
    const both = parseCron('0 0 1 * *');
    expect(cronDifferences(either, both)).toEqual(['it fires on other days (day of month 1, day of week MON; expected 1, *)']);
    // 1-31 is no star: with a restricted day of week it still fires every day, like * *.
    expect(cronDifferences(parseCron('0 0 1-31 * MON'), parseCron('0 0 * * *'))).toEqual([]);
  });

  it('says which field differs, and refuses what does not fire at set times', () => {
    expect(cronDifferences(parseCron('0 * * * *'), parseCron('*/5 * * * *'))).toEqual(['it fires at minutes 0, expected 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55']);
    expect(cronDifferences(parseCron('*/5 9-17 * * *'), parseCron('*/5 * * * *'))).toEqual(['it fires at hours 9-17, expected 0-23']);
    expect(cronDifferences(parseCron('5 * * * *'), parseCron('0/5 * * * *'))[0]).toContain('minutes 5, expected');
    expect(() => parseCron('@every 5m')).toThrow('@every fires at intervals');
    expect(() => parseCron('*/5 * * *')).toThrow('expected 5 fields');
    expect(() => parseCron('*/5 * * * 7')).toThrow('outside 0-6');
    expect(() => parseCron('*/0 * * * *')).toThrow('step of 0');
    expect(() => parseCron('CRON_TZ=UTC */5 * * * *')).toThrow('spec.timeZone');
  });
});

describe('verifier cronJobSchedule', () => {
  it('passes every spelling of every five minutes', async () => {
    for (const schedule of ['*/5 * * * *', '0-59/5 * * * *', '0,5,10,15,20,25,30,35,40,45,50,55 * * * *']) {
      const result = await verify([cronJob(schedule)]);
      expect({ schedule, passed: result.passed }).toEqual({ schedule, passed: true });
    }
  });

  it('fails another schedule, saying which minutes it fires at', async () => {
    const hourly = await verify([cronJob('0 * * * *')]);
    expect(hourly).toMatchObject({ passed: false, message: 'CronJob batch-1/report: schedule "0 * * * *" does not fire when "*/5 * * * *" does: it fires at minutes 0, expected 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55.' });
    expect((await verify([cronJob('@hourly')])).message).toContain('it fires at minutes 0, expected');
    expect((await verify([cronJob('@every 5m')])).message).toBe('CronJob batch-1/report: schedule "@every 5m" does not fire at set times like "*/5 * * * *": @every fires at intervals counted from when the controller started, not at set minutes.');
  });

  it('fails a suspended CronJob and a missing one', async () => {
    expect((await verify([cronJob('*/5 * * * *', { suspend: true })])).message).toContain('the CronJob is suspended (spec.suspend: true)');
    expect((await verify([])).message).toBe('CronJob batch-1/report does not exist.');
  });
});
