import { describe, expect, it } from 'vitest';
import { conductItems, reportSubmissionSchema, venueKinds } from './report-form.js';
import type { ReportSubmissionInput } from './report-form.js';

const valid: ReportSubmissionInput = {
  submissionId: 'Zm9ybS1zdWJtaXNzaW9uLWlkLTAx',
  accused: [
    {
      name: '  Sam Example ',
      identifiers: [{ kind: 'irc', network: 'OFTC', value: 'sammy' }],
    },
  ],
  relation: 'target',
  contact: '',
  behaviour: '  Repeated insults in #openstack-dev.  ',
  approximateTime: 'Last Tuesday evening',
  circumstances: '',
  venue: { kind: 'irc', detail: '#openstack-dev' },
  conductItems: ['personal_insults', 'personal_insults', 'repeated_harassment'],
  othersInvolved: '',
  anonymous: true,
  immediateDanger: false,
};

const issuesOf = (input: unknown) => {
  const parsed = reportSubmissionSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('the report form schema', () => {
  it('trims every text, reads an empty contact as none, and drops repeated choices', () => {
    const report = reportSubmissionSchema.parse(valid);
    expect(report.behaviour).toBe('Repeated insults in #openstack-dev.');
    expect(report.accused[0]?.name).toBe('Sam Example');
    expect(report.contact).toBeNull();
    expect(report.conductItems).toEqual(['personal_insults', 'repeated_harassment']);
  });

  it('needs only the description of what happened', () => {
    const minimal = {
      ...valid,
      accused: [],
      approximateTime: '',
      venue: { kind: 'not_sure', detail: '' },
      conductItems: [],
    };
    expect(issuesOf(minimal)).toEqual([]);
    expect(issuesOf({ ...minimal, behaviour: '   ' })).toEqual(['behaviour']);
  });

  it('refuses contact details on an anonymous report, beside the contact field', () => {
    expect(issuesOf({ ...valid, contact: 'sam@example.org' })).toEqual(['contact']);
    expect(issuesOf({ ...valid, anonymous: false, contact: 'sam@example.org' })).toEqual([]);
  });

  it('bounds every field', () => {
    expect(issuesOf({ ...valid, behaviour: 'x'.repeat(20_001) })).toEqual(['behaviour']);
    expect(issuesOf({ ...valid, approximateTime: 'x'.repeat(201) })).toEqual(['approximateTime']);
    expect(issuesOf({ ...valid, othersInvolved: 'x'.repeat(5_001) })).toEqual(['othersInvolved']);
    const many = Array.from({ length: 21 }, () => valid.accused[0]);
    expect(issuesOf({ ...valid, accused: many })).toEqual(['accused']);
  });

  it('refuses text that cannot be stored faithfully', () => {
    expect(issuesOf({ ...valid, behaviour: 'broken \ud800 surrogate' })).toEqual(['behaviour']);
    expect(issuesOf({ ...valid, circumstances: 'nul \0 byte' })).toEqual(['circumstances']);
  });

  it('asks for a name or an identifier for each person named', () => {
    expect(issuesOf({ ...valid, accused: [{ name: ' ', identifiers: [] }] })).toEqual([
      'accused.0.name',
    ]);
    const byNick = [{ name: '', identifiers: [{ kind: 'irc', network: 'oftc', value: 'x' }] }];
    expect(issuesOf({ ...valid, accused: byNick })).toEqual([]);
  });

  it('validates identifiers as the identifier schema does', () => {
    const bad = [{ name: 'Sam', identifiers: [{ kind: 'email', value: 'not an address' }] }];
    expect(issuesOf({ ...valid, accused: bad })).toEqual(['accused.0.identifiers.0.value']);
  });

  it('accepts only the listed choices and a well-formed submission id', () => {
    expect(issuesOf({ ...valid, relation: 'bystander' })).toEqual(['relation']);
    expect(issuesOf({ ...valid, venue: { kind: 'twitter', detail: '' } })).toEqual(['venue.kind']);
    expect(issuesOf({ ...valid, conductItems: ['rudeness'] })).toEqual(['conductItems.0']);
    expect(issuesOf({ ...valid, submissionId: 'short' })).toEqual(['submissionId']);
    expect(issuesOf({ ...valid, submissionId: 'has spaces and/slashes-in-it-000' })).toEqual([
      'submissionId',
    ]);
  });

  it('lists the seed’s venues and conduct items for the form to render', () => {
    expect(venueKinds).toContain('outside');
    expect(conductItems).toHaveLength(10);
    expect(conductItems.at(-1)).toBe('other_or_not_sure');
  });
});
